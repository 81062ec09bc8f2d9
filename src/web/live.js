// findable serve's only script, and an optional one: every page works without it. It
// keeps the progress line up to date, and on a page with nothing to fill in it shows the
// next page (a question, the report) as soon as it is ready. It talks only to this page's
// own server.
(() => {
  'use strict';
  const live = document.getElementById('live');
  if (!live || !window.fetch) return;
  const follow = live.dataset.follow === 'yes';
  const page = live.dataset.page;
  const tick = async () => {
    try {
      const answer = await fetch(live.dataset.status, { cache: 'no-store', credentials: 'same-origin' });
      if (answer.ok) {
        const status = await answer.json();
        if (follow && String(status.page) !== page) {
          window.location.reload();
          return;
        }
        if (status.progress && live.textContent !== status.progress) live.textContent = status.progress;
        for (const [id, pair] of [['profiles-bar', status.profiles], ['searches-bar', status.searches]]) {
          const bar = document.getElementById(id);
          if (bar && Array.isArray(pair)) {
            bar.max = Math.max(pair[1], 1);
            bar.value = pair[0];
            bar.textContent = `${pair[0]} of ${pair[1]}`;
          }
        }
      }
    } catch (_) {
      // The server has stopped (Finish, or idle): the page stays as it is.
      return;
    }
    window.setTimeout(tick, 1500);
  };
  window.setTimeout(tick, 1500);
})();
