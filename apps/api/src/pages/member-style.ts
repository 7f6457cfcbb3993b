import { createHash } from 'node:crypto';

/**
 * The member pages' one stylesheet, served as a file of its own whose name holds a hash of its
 * text (StylesController): browsers keep it for a year and every page links it instead of carrying
 * 8 KB of CSS inline — the rendered pages the response cache holds are half the size. CSP allows
 * it (style-src 'self').
 */
export const MEMBER_STYLE = `
:root{--ink:#1d1d1f;--muted:#555a60;--paper:#fff;--canvas:#f6f4f8;--line:#d5d0dc;--brand:#6b3589;--brand-dark:#4e2465;
--tint:#f1e8f6;--ok:#1d6b35;--ok-tint:#e6f4ea;--warn:#7a4b00;--warn-tint:#fff3d6;--danger:#a4161a;--danger-tint:#fdeced;
--focus:#0b57d0;font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans','Noto Sans Arabic',Arial,sans-serif;
line-height:1.5;color:var(--ink);background:var(--canvas)}
*,*::before,*::after{box-sizing:border-box}
body{margin:0;min-height:100vh;display:flex;flex-direction:column}
a{color:var(--brand);text-underline-offset:.15em}a:hover{color:var(--brand-dark)}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;inset-inline-start:.5rem;top:-3rem;background:#fff;padding:.5rem 1rem;border-radius:8px;z-index:9;font-weight:600}
.skip:focus{top:.5rem}
.visually-hidden{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
header.site{background:var(--brand-dark);color:#fff}
header.site :focus-visible{outline-color:#ffd166}
.bar{max-width:64rem;margin:0 auto;padding:.6rem 1rem;display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1.25rem}
.brand{color:#fff;font-weight:700;font-size:1.25rem;text-decoration:none}.brand:hover{color:#fff}
nav.main ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem}
nav.main a{color:#fff;text-decoration:none;padding:.35rem .7rem;border-radius:8px;display:inline-block}
nav.main a:hover{background:rgb(255 255 255/.12);color:#fff}
nav.main a[aria-current=page]{background:rgb(255 255 255/.2);text-decoration:underline;text-underline-offset:.3em}
.bar-end{margin-inline-start:auto;display:flex;flex-wrap:wrap;align-items:center;gap:.5rem .9rem;font-size:.92rem}
.bar-end a{color:#fff}
.bar-end form{margin:0}
.bar-end button{background:transparent;color:#fff;border:2px solid rgb(255 255 255/.7);padding:.15rem .7rem;font-size:.92rem}
.bar-end button:hover{background:rgb(255 255 255/.12)}
main{flex:1;width:100%;max-width:64rem;margin:0 auto;padding:1.5rem 1rem 3rem}
main:focus{outline:none}
footer.site{border-top:1px solid var(--line);color:var(--muted);font-size:.88rem}
footer.site p{max-width:64rem;margin:0 auto;padding:1rem}
h1{font-size:1.9rem;line-height:1.2;margin:.25rem 0 .5rem}h2{font-size:1.2rem;margin:0 0 .75rem}h3{font-size:1.05rem;margin:0 0 .5rem}
.eyebrow{margin:0;color:var(--muted);font-size:.95rem}
.eyebrow a{font-weight:600}
.lede{font-size:1.1rem;color:var(--ink)}
.layout{display:grid;grid-template-columns:minmax(0,1fr) minmax(16rem,21rem);gap:1.25rem;align-items:start;margin-top:1rem}
.card{background:var(--paper);border:1px solid var(--line);border-radius:10px;padding:1.2rem;margin-bottom:1.25rem}
.card.rsvp{border:2px solid var(--brand)}
.muted{color:var(--muted)}.prewrap{white-space:pre-wrap}
.badge{display:inline-block;font-size:.8rem;font-weight:600;padding:.1rem .6rem;border-radius:999px;border:1px solid currentColor;background:var(--tint);color:var(--brand-dark);white-space:nowrap}
.badge.k-online_discussion{color:#24528a;background:#e6eef8}.badge.k-in_person{color:#8a3f10;background:#fbeee4}
.badge.k-virtual_networking{color:#155c43;background:#e3f3ec}
.facts-row{display:flex;gap:1rem;align-items:flex-start}.facts-row .date-tile{min-width:4.5rem}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.5rem 1rem;margin:0}
.facts dt{font-weight:600;color:var(--muted)}.facts dd{margin:0}
.hidden-note{display:flex;gap:.5rem;align-items:flex-start;background:var(--canvas);border-radius:8px;padding:.5rem .7rem;margin:0}
.hidden-note::before{content:'';flex:none;width:1rem;height:1.4rem;background:url("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Cpath fill='%234e2465' d='M4 7V5a4 4 0 1 1 8 0v2h1v8H3V7h1zm2 0h4V5a2 2 0 1 0-4 0v2z'/%3E%3C/svg%3E") no-repeat center/contain}
dl.access{display:grid;grid-template-columns:minmax(0,1fr) auto;gap:.35rem 1rem;margin:0 0 .75rem}dl.access>div{display:contents}
dl.access dd{margin:0;font-weight:600}dl.access dd.stated-yes{color:var(--ok)}dl.access dd.stated-not-stated{font-weight:400;color:var(--muted)}
ul.plain{list-style:none;margin:0;padding:0}
ul.ticks{margin:.25rem 0 0;padding-inline-start:1.2rem}
.banner{border-radius:8px;padding:.75rem 1rem;margin:0 0 1rem;border-inline-start:5px solid}
.banner.ok{background:var(--ok-tint);border-color:var(--ok);color:#0f3d1e}
.banner.warn{background:var(--warn-tint);border-color:var(--warn);color:#4a2e00}
.banner.danger{background:var(--danger-tint);border-color:var(--danger);color:#5c0b0e}
.banner p{margin:0}.banner p+p{margin-top:.25rem}
button,.button{font:inherit;display:inline-block;background:var(--brand);color:#fff;border:2px solid var(--brand);border-radius:6px;padding:.5rem 1.1rem;cursor:pointer;text-decoration:none;line-height:1.4}
button:hover,.button:hover{background:var(--brand-dark);border-color:var(--brand-dark);color:#fff}
button.secondary,.button.secondary{background:#fff;color:var(--brand-dark)}
button.secondary:hover,.button.secondary:hover{background:var(--tint);color:var(--brand-dark)}
button.danger{background:var(--danger);border-color:var(--danger)}
button.danger:hover{background:#8a1116;border-color:#8a1116}
.answers{display:flex;flex-wrap:wrap;gap:.5rem;margin:.75rem 0 0}
.answers button{flex:1 1 6rem}
.answers button[aria-pressed=true]{box-shadow:inset 0 0 0 3px #fff,0 0 0 2px var(--brand-dark)}
label{font-weight:600}
.field{margin:0 0 .9rem}
.field label,.field legend{display:block;margin-bottom:.25rem}
input:not([type=checkbox]):not([type=radio]),select{font:inherit;width:100%;padding:.5rem .6rem;border:1px solid #8a8490;border-radius:6px;background:#fff;color:var(--ink);min-height:2.6rem}
.check{display:flex;gap:.5rem;align-items:flex-start;font-weight:400}
.check input{width:1.15rem;height:1.15rem;margin-top:.2rem;accent-color:var(--brand)}
fieldset{border:0;padding:0;margin:0 0 .9rem}legend{font-weight:600;padding:0}
details summary{cursor:pointer;font-weight:600}
.status-line{font-size:1.15rem;font-weight:700;margin:0}
.status-line[data-status=going]{color:var(--ok)}.status-line[data-status=waitlisted],.status-line[data-status=pending_approval]{color:var(--warn)}
.event-layout{grid-template-areas:"top side" "rest side";grid-template-rows:auto 1fr}
.event-layout>.top{grid-area:top}.event-layout>aside{grid-area:side}.event-layout>.rest{grid-area:rest}
.event-list{list-style:none;margin:0;padding:0}
.event-list li{display:grid;grid-template-columns:4.5rem 1fr;gap:.25rem 1rem;padding:.9rem 0;border-bottom:1px solid var(--line)}
.event-list li:last-child{border-bottom:0}
.date-tile{display:flex;flex-direction:column;align-items:center;justify-content:center;background:var(--tint);color:var(--brand-dark);border-radius:10px;padding:.35rem;line-height:1.15;text-align:center}
.date-tile .d{font-size:1.5rem;font-weight:700}.date-tile .m{font-size:.8rem;text-transform:uppercase;font-weight:600}
.event-list .title{font-weight:700;font-size:1.08rem}
.event-list .meta{color:var(--muted);font-size:.92rem;margin:.1rem 0 0}
.filters{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,11rem),1fr));gap:0 1rem;align-items:end}
.filters button{margin-bottom:.9rem}
.post{border-top:1px solid var(--line);padding:.75rem 0}.post:first-child{border-top:0}
.post .who{font-size:.9rem;color:var(--muted);margin:0 0 .25rem}
.link-list{list-style:none;padding:0;margin:0}.link-list li{margin:.35rem 0}
code.feed{display:block;overflow-wrap:anywhere;font-size:.8rem;background:var(--canvas);padding:.4rem .5rem;border-radius:6px;margin-top:.25rem}
@media (max-width:48rem){.layout{grid-template-columns:1fr}h1{font-size:1.55rem}.bar-end{margin-inline-start:0;width:100%}
.event-layout{grid-template-areas:"top" "side" "rest";grid-template-rows:auto}
.facts-row .date-tile{display:none}.facts{grid-template-columns:1fr;gap:0}.facts dd{margin-bottom:.6rem}
.event-list li{grid-template-columns:3.6rem 1fr}}
`;

/** Where the stylesheet is served: its name changes with its text, so it can be cached for good. */
export const MEMBER_STYLESHEET_PATH = `/styles/member-${createHash('sha256').update(MEMBER_STYLE).digest('hex').slice(0, 16)}.css`;
