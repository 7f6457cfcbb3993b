import { FSI, PDI, isolate, isolatesToBdi, withoutIsolates } from './bidi';

describe('bidi isolation', () => {
  it('isolates a value with FSI…PDI and removes stray isolate marks from it', () => {
    expect(isolate('12 Baker St, Flat 3B')).toBe(`${FSI}12 Baker St, Flat 3B${PDI}`);
    expect(isolate(`a${PDI}b${FSI}`)).toBe(`${FSI}ab${PDI}`);
  });

  it('turns pairs into <bdi> and drops unpaired marks, so the markup stays balanced', () => {
    expect(isolatesToBdi(`العنوان: ${isolate('12 Baker St, Flat 3B')}.`)).toBe(
      'العنوان: <bdi>12 Baker St, Flat 3B</bdi>.',
    );
    expect(isolatesToBdi(`${PDI}x${FSI}y`)).toBe('xy');
    expect(isolatesToBdi('plain')).toBe('plain');
  });

  it('plain text loses the marks', () => {
    expect(withoutIsolates(`Hi ${isolate('Ada')}`)).toBe('Hi Ada');
  });
});
