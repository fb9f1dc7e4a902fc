// The cockpit's stylesheet, inline in the page (no external file, font or script: it works offline).
// Colours keep a contrast of at least 4.5:1 against their background; focus is always visible.
export const STYLE = `
:root { color: #1a1a1a; background: #ffffff; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 16px; line-height: 1.45; }
body { margin: 0; }
a { color: #0b4f9c; }
a:focus-visible, summary:focus-visible { outline: 3px solid #b35c00; outline-offset: 2px; border-radius: 2px; }
.skip { position: absolute; left: -9999px; top: 0; background: #ffffff; padding: 0.5rem 1rem; }
.skip:focus { left: 1rem; top: 1rem; z-index: 10; }
header { background: #12355b; color: #ffffff; padding: 1rem 1.5rem; display: flex; flex-wrap: wrap; gap: 0.5rem 2rem; align-items: baseline; justify-content: space-between; }
header h1 { margin: 0; font-size: 1.6rem; }
header p { margin: 0; }
header a { color: #ffffff; }
header a:focus-visible { outline-color: #ffd166; }
main { padding: 0 1.5rem 2rem; max-width: 80rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 0.75rem; border-bottom: 2px solid #12355b; padding-bottom: 0.25rem; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 0.5rem; }
table { border-collapse: collapse; margin: 0.25rem 0 1rem; min-width: 24rem; }
caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
th, td { border: 1px solid #8a8a8a; padding: 0.35rem 0.6rem; text-align: left; vertical-align: top; }
thead th { background: #e8eef5; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
code { font-size: 0.9em; }
.band { display: inline-block; padding: 0.05rem 0.45rem; border-radius: 0.8rem; font-weight: 600; white-space: nowrap; }
.band-overdue { background: #8b0000; color: #ffffff; }
.band-week { background: #fde2a7; color: #4a2c00; }
.band-fortnight { background: #fff4c2; color: #3d3300; }
.band-later { background: #e1efe1; color: #1b4d1b; }
.band-none { color: #4d4d4d; font-weight: normal; }
.muted { color: #4d4d4d; }
.note { background: #f3f6fa; border-left: 4px solid #12355b; padding: 0.5rem 0.75rem; max-width: 60rem; }
ul.steps { margin: 0; padding-left: 1.1rem; }
.charts { display: flex; flex-wrap: wrap; gap: 1rem 2rem; }
figure { margin: 0; }
figcaption { font-weight: 600; }
figcaption span { display: block; font-weight: normal; color: #4d4d4d; font-size: 0.9rem; }
details { margin: 0.25rem 0; }
summary { cursor: pointer; padding: 0.2rem 0; }
ol.timeline { margin: 0.25rem 0 0.75rem; }
.voided { text-decoration: line-through; }
footer { padding: 1rem 1.5rem; border-top: 1px solid #8a8a8a; color: #4d4d4d; font-size: 0.9rem; }
`;
