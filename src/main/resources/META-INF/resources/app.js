// Aftermath's only script: no build step. Reports the browser's time zone once and wires htmx to CSRF.
(function () {
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  var hadZone = /(?:^|; )tz=/.test(document.cookie);
  if (zone) {
    document.cookie = 'tz=' + encodeURIComponent(zone) + '; path=/; max-age=31536000; samesite=lax';
    var shown = document.querySelector('[data-zone]');
    if (!hadZone && shown && shown.textContent !== zone) {
      location.reload();
    }
  }
  document.addEventListener('htmx:configRequest', function (event) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta) {
      event.detail.headers['X-CSRF-Token'] = meta.content;
    }
  });
})();
