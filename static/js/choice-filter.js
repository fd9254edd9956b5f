// A search field filters a long list of ticked choices (the entry form's co-authors): as the user
// types, only the choices whose label holds every typed word stay visible; ticked ones always stay.
// Accents and "đ" are ignored, so "nguyen van an" finds "Nguyễn Văn An". A file of its own: the CSP
// allows no inline script. Without JavaScript the whole list shows and works.
(function () {
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "d").toLowerCase();
  }
  document.querySelectorAll("input[data-filter-choices]").forEach(function (search) {
    var list = document.getElementById(search.getAttribute("data-filter-choices"));
    if (!list) { return; }
    var items = Array.prototype.map.call(list.querySelectorAll(".form-check"), function (item) {
      return { item: item, text: fold(item.textContent), box: item.querySelector("input") };
    });
    search.addEventListener("input", function () {
      var words = fold(search.value).split(/\s+/).filter(Boolean);
      items.forEach(function (entry) {
        var shown = entry.box.checked || words.every(function (word) { return entry.text.indexOf(word) !== -1; });
        entry.item.hidden = !shown;
      });
    });
  });
})();
