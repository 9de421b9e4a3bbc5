// How to remove a number from the call log is folded (a details element) below the help
// lines: a link to it (#call-log) opens it. Without JavaScript the link leads to its title,
// which opens it.
(function () {
  "use strict";

  function openCallLog() {
    var section = document.getElementById("call-log");
    if (section && section.tagName === "DETAILS") section.open = true;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest('a[href="#call-log"]');
    if (link) openCallLog();
  });
  if (window.location.hash === "#call-log") openCallLog();
  window.addEventListener("hashchange", function () {
    if (window.location.hash === "#call-log") openCallLog();
  });
})();
