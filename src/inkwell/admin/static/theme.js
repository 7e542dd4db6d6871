// Applies the theme chosen with the admin's toggle before the first paint (no flash).
(function () {
  "use strict";
  try {
    var stored = window.localStorage.getItem("inkwell-admin-theme");
    if (stored === "light" || stored === "dark") {
      document.documentElement.setAttribute("data-theme", stored);
    }
  } catch (e) {
    // Storage can be disabled; the system's scheme applies then.
  }
})();
