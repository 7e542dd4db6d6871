/* Sign-in finished in a popup the comment widget opened: tell the widget, then close.
   The message goes only to the origin the server checked (this site or an allowed one). */
(function () {
  "use strict";
  var box = document.getElementById("inkwell-signin");
  if (!box) return;
  var origin = box.getAttribute("data-origin");
  var opener = window.opener;
  if (!opener || !origin) {
    window.location.replace(box.getAttribute("data-return") || "/");
    return;
  }
  var message = { type: "inkwell:signed-in", reader: JSON.parse(box.getAttribute("data-reader") || "{}") };
  var token = box.getAttribute("data-token");
  if (token) message.token = token;
  opener.postMessage(message, origin);
  window.close();
})();
