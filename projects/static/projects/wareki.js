/* 和暦 beside every date of the project form, kept current while the clerk types or picks a
 * date from the calendar; also the 年度 label and the participants total. No dependencies. */
(function () {
  "use strict";

  // Newest first: [name, year, month, day] of each era's first day (GLOSSARY.md).
  var ERAS = [
    ["令和", 2019, 5, 1],
    ["平成", 1989, 1, 8],
    ["昭和", 1926, 12, 25],
    ["大正", 1912, 7, 30],
    ["明治", 1868, 10, 23]
  ];

  function halfWidth(text) {
    return String(text || "").replace(/[０-９]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
    }).replace(/[／－]/g, "-");
  }

  function parseDate(text) {
    var m = /^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\s*$/.exec(halfWidth(text));
    if (!m) { return null; }
    var y = +m[1], mo = +m[2], d = +m[3];
    var date = new Date(Date.UTC(y, mo - 1, d));
    if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
      return null;
    }
    return { y: y, mo: mo, d: d };
  }

  function yearText(n) { return n === 1 ? "元" : String(n); }

  function formatDate(p) {
    var key = p.y * 10000 + p.mo * 100 + p.d;
    for (var i = 0; i < ERAS.length; i++) {
      var e = ERAS[i];
      if (key >= e[1] * 10000 + e[2] * 100 + e[3]) {
        return e[0] + yearText(p.y - e[1] + 1) + "年" + p.mo + "月" + p.d + "日";
      }
    }
    return "";
  }

  function fiscalYearLabel(year) {
    for (var i = 0; i < ERAS.length; i++) {
      if (year >= ERAS[i][1]) { return ERAS[i][0] + yearText(year - ERAS[i][1] + 1) + "年度"; }
    }
    return "";
  }

  function warekiSpanOf(input) {
    var node = input.nextElementSibling;
    while (node) {
      if (node.classList.contains("kyodo-wareki")) { return node; }
      node = node.nextElementSibling;
    }
    var box = input.closest("p.date, td, div.flex-container");
    return box ? box.querySelector(".kyodo-wareki") : null;
  }

  function updateDate(input) {
    var span = warekiSpanOf(input);
    if (!span) { return; }
    var value = input.value.trim();
    var parsed = parseDate(value);
    var text = parsed ? formatDate(parsed) : "";
    span.textContent = text || (value ? "日付として読めません" : "");
    span.classList.toggle("kyodo-wareki-error", Boolean(value) && !text);
  }

  function updateFiscalYear() {
    var input = document.getElementById("id_fiscal_year");
    var span = document.querySelector(".kyodo-fiscal-year-wareki");
    if (!input || !span) { return; }
    var year = parseInt(halfWidth(input.value), 10);
    span.textContent = year >= 1868 ? fiscalYearLabel(year) : "-";
  }

  function updateTotal() {
    var span = document.querySelector(".kyodo-participants-total");
    if (!span) { return; }
    var count = 0, total = 0;
    document.querySelectorAll("input[name^='sessions-'][name$='-start']").forEach(function (start) {
      if (start.name.indexOf("__prefix__") !== -1 || !start.value.trim()) { return; }
      var prefix = start.name.slice(0, -"start".length);
      var del = document.querySelector("input[name='" + prefix + "DELETE']");
      if (del && del.checked) { return; }
      var row = start.closest("tr");
      if (row && row.classList.contains("empty-form")) { return; }
      count += 1;
      var people = document.querySelector("input[name='" + prefix + "participants']");
      var n = people ? parseInt(halfWidth(people.value), 10) : NaN;
      if (!isNaN(n)) { total += n; }
    });
    span.textContent = "全" + count + "回 延べ" + total.toLocaleString("ja-JP") + "人";
  }

  function updateAll() {
    document.querySelectorAll("input.vDateField").forEach(updateDate);
    updateFiscalYear();
    updateTotal();
  }

  function onEdit(event) {
    var target = event.target;
    if (!(target instanceof HTMLInputElement)) { return; }
    if (target.classList.contains("vDateField")) { updateDate(target); }
    if (target.id === "id_fiscal_year") { updateFiscalYear(); }
    updateTotal();
  }

  document.addEventListener("input", onEdit);
  document.addEventListener("change", onEdit);
  // The calendar and the 「今日」 link of the admin's date widget set the value without an event.
  document.addEventListener("click", function () { window.setTimeout(updateAll, 0); });
  document.addEventListener("formset:added", updateAll);
  document.addEventListener("formset:removed", updateAll);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", updateAll);
  } else {
    updateAll();
  }
}());
