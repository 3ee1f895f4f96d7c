// A router with modes shows only the chosen mode's fields. Each section of a ".bluegreen-modes" block names the modes
// it belongs to (data-bluegreen-modes); the others are hidden and marked field-disabled, so the form does not submit
// them. The settings stay flat in one object, as in Pipeline and JCasC.
Behaviour.specify("select.bluegreen-mode", "bluegreen-mode", 0, function (select) {
  var block = select.closest(".bluegreen-modes");
  var sections = Array.from(block.querySelectorAll("[data-bluegreen-modes]")).filter(function (section) {
    return section.closest(".bluegreen-modes") === block;
  });
  function showChosenMode() {
    sections.forEach(function (section) {
      var chosen = section.dataset.bluegreenModes.split(" ").indexOf(select.value) >= 0;
      section.style.display = chosen ? "" : "none";
      if (chosen) {
        section.removeAttribute("field-disabled");
      } else {
        section.setAttribute("field-disabled", "true");
      }
    });
    layoutUpdateCallback.call();
  }
  select.addEventListener("change", showChosenMode);
  showChosenMode();
});
