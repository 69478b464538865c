// The inline CSS and JS of report.html (no network, no external assets). The script only toggles
// `hidden`, `open` and classes; it never builds markup from report data.

export const CSS = `
:root{--fail:#b42318;--fail-bg:#fef3f2;--pass:#067647;--pass-bg:#ecfdf3;--warn:#b54708;--warn-bg:#fffaeb;--nt:#475467;--nt-bg:#f2f4f7;--na:#98a2b3;--na-bg:#f9fafb;--info:#175cd3;--info-bg:#eff8ff;--line:#eaecf0;--ink:#101828;--muted:#667085;--bg:#f7f8fa}
*{box-sizing:border-box}
body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:var(--ink);background:var(--bg)}
code,pre,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:12.5px}
main{max-width:1180px;margin:0 auto;padding:0 20px 48px}
header.top{background:#fff;border-bottom:1px solid var(--line);padding:20px 0 16px}
header.top .wrap{max-width:1180px;margin:0 auto;padding:0 20px;display:flex;gap:24px;align-items:center;flex-wrap:wrap}
h1{font-size:18px;margin:0 0 2px;font-weight:600}
h2{font-size:16px;margin:28px 0 10px}
h3{font-size:14px;margin:18px 0 6px;color:var(--nt)}
h4{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);margin:14px 0 6px}
.verdict{font-weight:700;font-size:20px;padding:6px 14px;border-radius:8px;white-space:nowrap}
.verdict.fail{background:var(--fail-bg);color:var(--fail);border:1px solid #fecdca}
.verdict.pass{background:var(--pass-bg);color:var(--pass);border:1px solid #abefc6}
.verdict.incomplete{background:var(--warn-bg);color:var(--warn);border:1px solid #fedf89}
.score{font-size:28px;font-weight:700;line-height:1}
.score small{display:block;font-size:12px;font-weight:400;color:var(--muted);margin-top:4px}
.meta{color:var(--muted);font-size:12.5px;flex:1 1 420px}
.meta b{color:var(--ink);font-weight:500}
.bar{display:flex;height:8px;border-radius:4px;overflow:hidden;background:var(--na-bg);margin-top:8px}
.bar span{display:block;height:100%}
.bar .b-pass{background:#17b26a}.bar .b-fail{background:#f04438}.bar .b-nt{background:#98a2b3}
.controls{position:sticky;top:0;z-index:5;background:var(--bg);box-shadow:0 1px 0 var(--line);border-bottom:1px solid var(--line);padding:10px 0;display:flex;gap:6px;flex-wrap:wrap;align-items:center}
.controls button{font:inherit;font-size:13px;border:1px solid #d0d5dd;background:#fff;border-radius:6px;padding:4px 10px;cursor:pointer;color:var(--ink)}
.controls button[aria-pressed=true]{background:var(--ink);color:#fff;border-color:var(--ink)}
.controls input{font:inherit;border:1px solid #d0d5dd;border-radius:6px;padding:4px 10px;min-width:140px;flex:1 1 160px;max-width:200px}
.controls .shown{color:var(--muted);font-size:12px;margin-left:auto;white-space:nowrap}
.areas{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:10px}
.area{background:#fff;border:1px solid var(--line);border-radius:8px;padding:10px 12px;text-decoration:none;color:inherit;display:block}
.area:hover{border-color:#98a2b3}
.area .t{font-weight:600;font-size:13px}
.area .n{color:var(--muted);font-size:12px}
.area .n .f{color:var(--fail);font-weight:600}
.badge{display:inline-block;min-width:92px;text-align:center;font-size:11.5px;font-weight:600;border-radius:10px;padding:1px 8px;white-space:nowrap}
.badge.fail{background:var(--fail-bg);color:var(--fail)}.badge.pass{background:var(--pass-bg);color:var(--pass)}
.badge.warn{background:var(--warn-bg);color:var(--warn)}.badge.not-tested{background:var(--nt-bg);color:var(--nt)}
.badge.not-applicable{background:var(--na-bg);color:var(--na);border:1px solid var(--line)}.badge.info{background:var(--info-bg);color:var(--info)}
.badge.blocked{background:var(--warn-bg);color:var(--warn);border:1px dashed #fedf89}.badge.unsupported{background:var(--nt-bg);color:var(--nt);border:1px dashed #98a2b3}
#interrupted{color:var(--warn);background:var(--warn-bg);border:1px solid #fedf89;border-radius:6px;padding:2px 8px;margin:4px 0;display:inline-block}
table{border-collapse:collapse;width:100%;background:#fff;border:1px solid var(--line);border-radius:8px;overflow:hidden}
th,td{text-align:left;vertical-align:top;padding:6px 10px;border-top:1px solid var(--line)}
thead th{background:#f9fafb;font-size:12px;color:var(--muted);font-weight:600;border-top:0}
td.id{white-space:nowrap}
td .why{color:var(--muted);font-size:12.5px}
tr.item.fail td{background:#fffbfa}
details.req summary{cursor:pointer;list-style:none}
details.req summary::-webkit-details-marker{display:none}
details.req summary::after{content:" ▸";color:var(--muted)}
details.req[open] summary::after{content:" ▾"}
.rtext{margin:6px 0 0;color:#344054}
.cite{color:var(--muted);font-size:12px;margin:4px 0 0}
details.failure{background:#fff;border:1px solid var(--line);border-left:4px solid var(--fail);border-radius:8px;margin:8px 0}
details.failure.warn{border-left-color:#f79009}
details.failure>summary{cursor:pointer;padding:10px 12px;display:flex;gap:10px;align-items:baseline;flex-wrap:wrap}
details.failure>summary .msg{color:#344054;flex:1 1 300px}
details.failure .body{padding:0 14px 14px;border-top:1px solid var(--line)}
.message{white-space:pre-wrap;margin:10px 0 0}
.rule{border:1px solid var(--line);border-radius:6px;padding:8px 10px;margin:6px 0;background:#fcfcfd}
.rule b{font-family:ui-monospace,Menlo,Consolas,monospace}
.kind{font-size:11px;color:var(--muted);border:1px solid var(--line);border-radius:4px;padding:0 4px;margin-left:4px}
ol.cx{margin:0;padding-left:22px;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12.5px}
.exchange{border:1px solid var(--line);border-radius:6px;margin:8px 0;overflow:hidden}
.exchange.broke{border-color:#fda29b}
.exchange .rq{background:#f9fafb;padding:6px 10px;display:flex;gap:8px;flex-wrap:wrap;align-items:baseline}
.method{font-weight:700;font-family:ui-monospace,Menlo,Consolas,monospace}
.seq{color:var(--muted)}
.when{color:var(--muted);font-size:12px;margin-left:auto}
table.params{border:0;border-radius:0;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}
table.params th,table.params td{padding:2px 10px}
table.params tr.common th,table.params tr.common td{color:var(--na)}
table.params th{width:28%;font-weight:500;color:#344054;background:#fcfcfd;word-break:break-all}
table.params td{word-break:break-all}
.rs{padding:6px 10px;border-top:1px solid var(--line)}
.status{font-weight:700;font-family:ui-monospace,Menlo,Consolas,monospace}
.status.s2{color:var(--pass)}.status.s4,.status.s5,.status.none{color:var(--fail)}
pre.xml{margin:6px 0 0;padding:8px 10px;background:#0c111d;color:#e4e7ec;border-radius:6px;overflow:auto;max-height:420px;white-space:pre}
pre.xml .tg{color:#7cd4fd}
.expected{background:var(--fail-bg);color:#7a271a;padding:6px 10px;border-top:1px solid #fecdca;white-space:pre-wrap}
.replay{display:flex;gap:8px;align-items:stretch}
.replay pre{flex:1;margin:0;padding:8px 10px;background:#f2f4f7;border-radius:6px;overflow:auto;white-space:pre-wrap;word-break:break-all}
.replay button{font:inherit;font-size:12.5px;border:1px solid #d0d5dd;background:#fff;border-radius:6px;padding:4px 12px;cursor:pointer}
.replay button.done{background:var(--pass-bg);border-color:#abefc6;color:var(--pass)}
.replay.curl{padding:6px 10px;border-top:1px solid #eaecf0}
.replay.curl pre{font-size:12px;max-height:160px}
.empty{color:var(--muted);font-style:italic}
footer{color:var(--muted);font-size:12.5px;margin-top:32px}
footer pre{white-space:pre-wrap;word-break:break-all}
[hidden]{display:none!important}
`;

export const JS = `
(function(){
  var status='all', terms=[];
  var buttons=[].slice.call(document.querySelectorAll('[data-filter]'));
  var search=document.getElementById('q');
  var shown=document.getElementById('shown');
  function matches(el){
    if(status!=='all' && el.getAttribute('data-status')!==status) return false;
    var text=el.getAttribute('data-search')||'';
    for(var i=0;i<terms.length;i++){ if(text.indexOf(terms[i])<0) return false; }
    return true;
  }
  function apply(){
    var counts={req:0,check:0};
    [].slice.call(document.querySelectorAll('.item')).forEach(function(el){
      var ok=matches(el); el.hidden=!ok;
      if(ok){ var k=el.getAttribute('data-kind'); if(k in counts) counts[k]++; }
    });
    [].slice.call(document.querySelectorAll('.group')).forEach(function(g){
      g.hidden=!g.querySelector('.item:not([hidden])');
    });
    [].slice.call(document.querySelectorAll('.none-shown')).forEach(function(n){
      var sec=n.closest('section'); n.hidden=!!(sec && sec.querySelector('.item:not([hidden])'));
    });
    shown.textContent=counts.req+' requirements · '+counts.check+' checks shown';
  }
  buttons.forEach(function(b){ b.addEventListener('click',function(){
    status=b.getAttribute('data-filter');
    buttons.forEach(function(o){ o.setAttribute('aria-pressed', o===b?'true':'false'); });
    apply();
  });});
  search.addEventListener('input',function(){
    terms=search.value.toLowerCase().split(/\\s+/).filter(Boolean); apply();
  });
  function setOpen(open){ [].slice.call(document.querySelectorAll('details.failure')).forEach(function(d){ d.open=open; }); }
  document.getElementById('expand').addEventListener('click',function(){ setOpen(true); });
  document.getElementById('collapse').addEventListener('click',function(){ setOpen(false); });
  [].slice.call(document.querySelectorAll('[data-copy]')).forEach(function(b){
    b.addEventListener('click',function(){
      var src=document.getElementById(b.getAttribute('data-copy')); var text=src?src.textContent:'';
      function done(){ b.textContent='Copied'; b.classList.add('done'); setTimeout(function(){ b.textContent='Copy'; b.classList.remove('done'); },1500); }
      // select the command first: it stays selected for a manual copy if both ways below are refused
      var r=document.createRange(); r.selectNodeContents(src); var sel=window.getSelection(); sel.removeAllRanges(); sel.addRange(r);
      var ok=false; try{ ok=document.execCommand('copy'); }catch(e){}
      if(ok){ done(); } else if(navigator.clipboard){ navigator.clipboard.writeText(text).then(done,function(){ b.textContent='Press Ctrl+C'; }); } else { b.textContent='Press Ctrl+C'; }
    });
  });
  if(location.hash){ var t=document.getElementById(decodeURIComponent(location.hash.slice(1))); if(t && t.tagName==='DETAILS') t.open=true; }
  document.addEventListener('click',function(e){
    var a=e.target.closest && e.target.closest('a[href^="#"]'); if(!a) return;
    var t=document.getElementById(decodeURIComponent(a.getAttribute('href').slice(1))); if(t && t.tagName==='DETAILS') t.open=true;
  });
  apply();
})();
`;
