// The query page: YASGUI against this server's /sparql, one tab per library query picked.
(function () {
  "use strict";
  var library = JSON.parse(document.getElementById("library-data").textContent);
  var endpoint = new URL("/sparql", window.location.href).href;
  var select = document.getElementById("library-select");
  var question = document.getElementById("library-question");
  // Only the local autocompleter: the others call prefix.cc and LOV, outside this server.
  [Yasgui.Yasqe.defaults.autocompleters, Yasgui.defaults.yasqe.autocompleters].forEach(function (list) {
    if (list) list.splice(0, list.length, "variables");
  });
  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    copyEndpointOnNewTab: true,
    persistenceId: null,
    populateFromUrl: false,
    autoAddOnInit: library.length === 0,
  });
  var tabs = {};

  function open(index) {
    var entry = library[index];
    if (!entry) return;
    question.textContent = entry.question || "";
    var id = tabs[entry.name];
    if (id && yasgui.getTab(id)) {
      yasgui.selectTabId(id);
      return;
    }
    var tab = yasgui.addTab(true, {
      name: entry.title,
      yasqe: { value: entry.text },
      requestConfig: { endpoint: endpoint, method: "POST" },
    });
    tabs[entry.name] = tab.getId();
  }

  select.addEventListener("change", function () { open(Number(select.value)); });
  window.cdkgYasgui = yasgui;
  open(0);
})();
