// The report's only script: filtering and sorting of the server-rendered findings table. It is inlined
// and allowed by its CSP hash, so it is a constant; it reads data from the JSON block and only ever sets
// textContent / hidden / attributes / classes and moves rows, never HTML.
export const HTML_SCRIPT = `
(function () {
  'use strict';
  var dataEl = document.getElementById('amiaudit-data');
  var body = document.getElementById('findings-body');
  var form = document.getElementById('filters');
  if (!dataEl || !body || !form) return;
  var data = JSON.parse(dataEl.textContent);
  var rows = data.rows;
  var trs = Array.prototype.slice.call(body.querySelectorAll('tr[data-i]'));
  // Each finding row is followed by its full-width details row; they always move together.
  function detailOf(tr) {
    var next = tr.nextElementSibling;
    return next && next.classList.contains('detail') ? next : null;
  }
  var details = trs.map(detailOf);
  // CSS opens the details row with :has(details[open]); this class does the same where :has is missing.
  document.addEventListener('toggle', function (e) {
    var el = e.target;
    if (!el || el.tagName !== 'DETAILS') return;
    var tr = el.closest('tr.f');
    if (tr) tr.classList.toggle('open', el.open);
  }, true);
  var shown = document.getElementById('shown-count');
  var empty = document.getElementById('no-match');
  var fields = ['severity', 'rule', 'account', 'region', 'status', 'baseline'];
  var inputs = {};
  fields.forEach(function (k) { inputs[k] = document.getElementById('f-' + k); });
  var text = document.getElementById('f-text');
  form.hidden = false;

  function apply() {
    var q = text.value.trim().toLowerCase();
    var want = {};
    fields.forEach(function (k) { want[k] = inputs[k] ? inputs[k].value : ''; });
    var n = 0;
    trs.forEach(function (tr, i) {
      var r = rows[Number(tr.getAttribute('data-i'))];
      var ok = true;
      for (var j = 0; j < fields.length && ok; j++) {
        var k = fields[j];
        if (want[k] && r[k] !== want[k]) ok = false;
      }
      if (ok && q && r.text.indexOf(q) < 0) ok = false;
      tr.hidden = !ok;
      if (details[i]) details[i].hidden = !ok;
      if (ok) n++;
    });
    shown.textContent = String(n);
    empty.hidden = n !== 0;
  }

  form.addEventListener('input', apply);
  form.addEventListener('change', apply);
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  form.addEventListener('reset', function () { setTimeout(apply, 0); });

  var numeric = { sevRank: true, cost: true };
  var current = { key: null, dir: 1 };
  var heads = Array.prototype.slice.call(document.querySelectorAll('#findings th[data-key]'));
  heads.forEach(function (th) {
    var button = th.querySelector('button');
    button.addEventListener('click', function () {
      var key = th.getAttribute('data-key');
      current.dir = current.key === key ? -current.dir : (numeric[key] ? -1 : 1);
      current.key = key;
      heads.forEach(function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', current.dir > 0 ? 'ascending' : 'descending');
      var order = trs.map(function (tr, i) { return i; });
      var sorted = order.sort(function (a, b) {
        var ia = Number(trs[a].getAttribute('data-i'));
        var ib = Number(trs[b].getAttribute('data-i'));
        var va = rows[ia][key];
        var vb = rows[ib][key];
        var c;
        if (numeric[key]) c = (va === null ? -1 : va) - (vb === null ? -1 : vb);
        else c = String(va).localeCompare(String(vb));
        return c * current.dir || ia - ib;
      });
      sorted.forEach(function (i) {
        body.appendChild(trs[i]);
        if (details[i]) body.appendChild(details[i]);
      });
    });
  });
  apply();
})();
`;
