// Meeting mode, for a projector: focus starts on the levels, so the arrow keys choose one and
// Enter records it and moves on. While a level has focus (and only then: WCAG 2.1.4), keys 1
// to 5 choose a level and 0 "don't know". Without this script the page works with Tab, the
// arrow keys and the buttons and links.
(function () {
  "use strict";
  const form = document.querySelector("[data-meeting-form]");
  if (!form) {
    return;
  }
  const radios = Array.from(form.querySelectorAll("input[type=radio]"));
  const record = form.querySelector("[data-meeting-record]");
  const start = radios.find((radio) => radio.checked) || radios[0];
  if (start && !document.querySelector(".error-summary")) {
    start.focus();
  }
  form.addEventListener("keydown", (event) => {
    if (event.target.type !== "radio" || event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    const index = event.key === "0" ? radios.length - 1 : "12345".indexOf(event.key);
    if (event.key.length === 1 && index >= 0 && radios[index]) {
      radios[index].checked = true;
      radios[index].focus();
      event.preventDefault();
    } else if (event.key === "Enter") {
      event.preventDefault();
      form.requestSubmit(record);
    }
  });
})();
