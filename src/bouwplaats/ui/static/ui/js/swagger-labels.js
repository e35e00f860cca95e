/* SPDX-License-Identifier: EUPL-1.2 */
/* Swagger UI draws its menu of servers (the schema's `servers`) without a label: name it, as soon as it appears. */
(function () {
  var root = document.getElementById("swagger-ui");
  if (!root) {
    return;
  }
  function nameTheServersMenu() {
    var menu = document.getElementById("servers");
    if (menu && !menu.hasAttribute("aria-label")) {
      menu.setAttribute("aria-label", "Server");
    }
  }
  new MutationObserver(nameTheServersMenu).observe(root, { childList: true, subtree: true });
})();
