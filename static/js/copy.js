// Copy buttons for the invitation kit. Progressive enhancement: without JavaScript the links
// and texts are plain, selectable text; with it, each element marked data-copy="<button
// label>" gets a button beside it that copies its text (a textarea's current, edited value).
(function () {
  "use strict";

  function textOf(element) {
    return element.tagName === "TEXTAREA" ? element.value : element.textContent.trim();
  }

  function selectText(element) {
    if (element.tagName === "TEXTAREA") {
      element.focus();
      element.select();
      return;
    }
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function copy(element, status) {
    var done = function () {
      status.textContent = "Copied.";
    };
    var fallback = function () {
      selectText(element);
      status.textContent = "Selected: press Ctrl+C (or ⌘+C) to copy.";
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(textOf(element)).then(done, fallback);
    } else {
      fallback();
    }
  }

  document.querySelectorAll("[data-copy]").forEach(function (element) {
    var wrapper = document.createElement("span");
    wrapper.className = "copy-control";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-sm btn-outline-primary";
    button.textContent = element.getAttribute("data-copy");
    var status = document.createElement("span");
    status.className = "copy-control__status";
    status.setAttribute("role", "status");
    button.addEventListener("click", function () {
      copy(element, status);
    });
    wrapper.appendChild(button);
    wrapper.appendChild(status);
    element.insertAdjacentElement("afterend", wrapper);
  });
})();
