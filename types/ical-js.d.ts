// ical.js publishes its types behind an `exports` map that classic node resolution does not read;
// point the bare specifier at them. Its CommonJS build exports the namespace object itself.
declare module 'ical.js' {
  import ICAL from 'ical.js/dist/types/module';
  export default ICAL;
}
