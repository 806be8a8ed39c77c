// Agency context: show only the sections that apply to the answer to "Has your agency taken
// part in a CVI?", as it is chosen. Without JavaScript the page shows them all (those that do
// not apply to the saved answer folded away), and the server keeps only the answers that apply.
(function () {
  "use strict";

  var radios = document.querySelectorAll('input[name="has_participated"]');
  var sections = document.querySelectorAll("[data-applies-when]");
  if (!radios.length || !sections.length) {
    return;
  }

  function update() {
    var checked = document.querySelector('input[name="has_participated"]:checked');
    var chosen = checked ? checked.value : "";
    for (var i = 0; i < sections.length; i++) {
      var when = sections[i].getAttribute("data-applies-when");
      var applies = chosen === "" || chosen === "unsure" || chosen === when;
      sections[i].hidden = !applies;
      var folded = sections[i].querySelector("details");
      if (applies && folded) {
        folded.open = true;
      }
    }
  }

  for (var i = 0; i < radios.length; i++) {
    radios[i].addEventListener("change", update);
  }
  update();
})();
