// The report's only stylesheet. It is inlined and allowed by its CSP hash, so it must stay a constant:
// no style attributes anywhere (they would need 'unsafe-inline'), colours come from classes.
export const HTML_STYLE = `
:root{--fg:#1f2328;--muted:#59636e;--bg:#fff;--panel:#f6f8fa;--line:#d1d9e0;--accent:#0969da;
--critical:#8b0a1a;--high:#c4391d;--medium:#b35900;--low:#1f6feb;--info:#6e7781;
--open:#c4391d;--suppressed:#8c959f;--inconclusive:#bf8700;--pass:#2da44e}
*{box-sizing:border-box}
html{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:var(--bg)}
body{margin:0 auto;max-width:1400px;padding:24px 28px 48px}
h1{font-size:24px;margin:0 0 4px}
h2{font-size:18px;margin:32px 0 10px;padding-bottom:6px;border-bottom:1px solid var(--line)}
code,pre,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
pre{white-space:pre-wrap;word-break:break-word;background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:8px;margin:4px 0}
.muted{color:var(--muted)}
.meta{display:flex;flex-wrap:wrap;gap:4px 24px;color:var(--muted);margin:6px 0 16px}
.meta b{color:var(--fg);font-weight:600}
.banner{border:3px solid #cf222e;background:#ffebe9;color:#82071e;border-radius:8px;padding:14px 18px;margin:16px 0}
.banner h2{border:0;margin:0 0 6px;font-size:20px;color:#82071e}
.banner table{background:#fff}
.ok-banner{border:1px solid #4ac26b;background:#dafbe1;color:#116329;border-radius:8px;padding:10px 16px;margin:16px 0}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(128px,1fr));gap:12px;margin:12px 0}
.card{border:1px solid var(--line);border-radius:8px;padding:10px 14px;background:var(--panel);border-top-width:5px}
.card .n{font-size:26px;font-weight:700;line-height:1.2}
.card .l{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em}
.card.sev-critical{border-top-color:var(--critical)}.card.sev-high{border-top-color:var(--high)}
.card.sev-medium{border-top-color:var(--medium)}.card.sev-low{border-top-color:var(--low)}.card.sev-info{border-top-color:var(--info)}
.card.other{border-top-color:var(--accent)}
table{border-collapse:collapse;width:100%;margin:6px 0}
th,td{border-bottom:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}
th{background:var(--panel);font-weight:600;white-space:nowrap}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.wrap{overflow-x:auto}
.sev{display:inline-block;min-width:64px;text-align:center;border-radius:10px;padding:0 8px;color:#fff;font-size:12px;font-weight:600}
.sev.critical{background:var(--critical)}.sev.high{background:var(--high)}.sev.medium{background:var(--medium)}
.sev.low{background:var(--low)}.sev.info{background:var(--info)}
.st{font-size:12px;font-weight:600}.st.open{color:var(--open)}.st.suppressed{color:var(--suppressed)}.st.inconclusive{color:var(--inconclusive)}
.badge{display:inline-block;border-radius:4px;padding:0 5px;font-size:11px;font-weight:700;margin-left:4px}
.badge.new{background:#fff8c5;color:#7d4e00;border:1px solid #d4a72c}
.badge.resolved{background:#dafbe1;color:#116329;border:1px solid #4ac26b}
svg.bar{display:block}
svg.bar .open{fill:var(--open)}svg.bar .suppressed{fill:var(--suppressed)}svg.bar .inconclusive{fill:var(--inconclusive)}svg.bar .pass{fill:var(--pass)}
.legend span{margin-right:14px;white-space:nowrap}
.legend i{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:4px;vertical-align:-1px}
.legend i.open{background:var(--open)}.legend i.suppressed{background:var(--suppressed)}.legend i.inconclusive{background:var(--inconclusive)}.legend i.pass{background:var(--pass)}
.matrix td{text-align:center;font-variant-numeric:tabular-nums}
.matrix td.h-critical{background:#ffd8d3}.matrix td.h-high{background:#ffe2cc}.matrix td.h-medium{background:#fff1c7}
.matrix td.h-low{background:#ddf4ff}.matrix td.h-info{background:#eef1f4}.matrix td.gap{background:#cf222e;color:#fff;font-weight:700}
.matrix td.zero{color:#afb8c1}
form.filters{display:flex;flex-wrap:wrap;gap:8px 12px;align-items:end;background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:10px 12px;margin:8px 0}
form.filters label{display:flex;flex-direction:column;font-size:12px;color:var(--muted);gap:2px}
form.filters select,form.filters input{font:inherit;padding:3px 6px;border:1px solid var(--line);border-radius:6px;background:#fff}
form.filters input[type=search]{min-width:240px}
th button{all:unset;cursor:pointer}
th button:focus-visible{outline:2px solid var(--accent)}
th[aria-sort=ascending] button::after{content:" \\25B2"}
th[aria-sort=descending] button::after{content:" \\25BC"}
td.nw,th.nw{white-space:nowrap}
#findings td.msg{max-width:520px;word-break:break-word}
#findings td.res{word-break:break-all;max-width:260px}
details summary{cursor:pointer;color:var(--accent)}
tr.detail{display:none}
tr.f:has(details[open])+tr.detail,tr.f.open+tr.detail{display:table-row}
tr.f:has(details[open])>td,tr.f.open>td{border-bottom:0;background:#f0f6ff}
tr.detail>td{background:var(--panel);padding:4px 16px 10px}
.footnote{font-size:12px;margin:4px 0}
dl.kv{display:grid;grid-template-columns:max-content 1fr;gap:2px 10px;margin:6px 0}
dl.kv dt{color:var(--muted)}dl.kv dd{margin:0;word-break:break-word}
[hidden]{display:none!important}
footer{margin-top:40px;color:var(--muted);font-size:12px}
@media print{
  body{max-width:none;padding:0;font-size:11px}
  form.filters,.noprint{display:none!important}
  tr[hidden]:not(.detail){display:table-row!important}
  h2{break-after:avoid}
  tr{break-inside:avoid}
  .banner{border-width:2px}
  .sev,.card,.matrix td,.badge{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  a{color:inherit;text-decoration:none}
}
`;
