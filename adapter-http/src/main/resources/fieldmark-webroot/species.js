'use strict';
// The species card, /species/<scientific name>: names, how many, first and last seen, the hour of
// day, the best photo (the pinned one, else the most certain), recent photos with "pin this as
// best", and links to read more. Everything comes from GET /v1/species/{scientificName}.
(function () {
  const f = window.fieldmark;
  const tiles = window.fieldmarkTiles;
  const $ = (id) => document.getElementById(id);
  const name = decodeURIComponent(location.pathname.substring('/species/'.length)).replace(/\/$/, '');
  const api = '/v1/species/' + encodeURIComponent(name);
  const photos = f.photoCache();
  let card = null;
  let lastSeen = '';

  function showError(message) {
    $('error').textContent = message;
    $('error').hidden = !message;
  }

  function when(iso) {
    return iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : 'not yet';
  }

  async function send(method, url, body) {
    try {
      const response = await f.request(url, { method, body: body ? JSON.stringify(body) : undefined,
        headers: body ? { 'Content-Type': 'application/json' } : {} });
      if (!response.ok) { return f.problemText(response); }
      load();
      return '';
    } catch (e) {
      return 'Could not reach the Fieldmark server: ' + e.message;
    }
  }

  function pin(s) {
    send('PUT', api + '/best', { sightingId: s.id }).then(showError);
  }

  // Beside each recent photo: "Pin as best photo", or what it is when it already is the best.
  function pinControl(s) {
    if (card.best && card.best.id === s.id) {
      return [f.text('span', 'is-best', card.pinned ? '★ pinned as best photo' : '★ best photo')];
    }
    if (!s.countsAs || s.countsAs.scientificName.toLowerCase() !== card.scientificName.toLowerCase()) { return []; }
    const button = f.text('button', 'pin', 'Pin as best photo');
    button.type = 'button';
    button.setAttribute('aria-label', 'Pin the ' + f.clock(s.time) + ' photo as the best photo');
    button.addEventListener('click', () => pin(s));
    return [button];
  }

  async function correct(s, body) {
    const error = await tiles.review(s, body);
    if (!error) { load(); }
    return error;
  }

  function bestSources(s) {
    const what = tiles.describe(s);
    return [s.previewUrl, s.photoUrl, s.thumbnailUrl].filter((src) => src)
      .map((src) => ({ src, alt: (src === s.thumbnailUrl ? 'Close-up of ' : 'Photo of ') + what }));
  }

  function renderBest() {
    const best = card.best;
    $('best').hidden = !best;
    $('best-empty').hidden = !!best;
    $('unpin').hidden = !card.pinned;
    if (!best) { return; }
    $('best').dataset.id = best.id;
    const slot = $('best-photo');
    slot.replaceChildren(f.text('span', 'no-photo', 'no photo'));
    f.showPhoto(photos, slot, bestSources(best));
    $('best-caption').textContent = (card.pinned ? 'Pinned · ' : 'Most certain · ') + best.probability.toFixed(2)
      + ' · ' + when(best.time) + ' · ' + best.source;
  }

  function renderHours() {
    const hours = card.hours.map((count, hour) => ({ hour, count }));
    f.hourChart($('hours'), hours, 'Sightings of the ' + card.displayName + ' per hour of day');
    const top = hours.reduce((a, b) => (b.count > a.count ? b : a), hours[0]);
    $('hours-text').textContent = card.count === 0 ? 'Not seen yet.'
      : 'Seen most often between ' + String(top.hour).padStart(2, '0') + ':00 and '
        + String(top.hour).padStart(2, '0') + ':59 (' + top.count + ' of ' + card.count + ').';
  }

  function render() {
    document.title = card.displayName + ' · Fieldmark';
    $('name').textContent = card.displayName;
    $('scientific').textContent = card.displayName === card.scientificName ? '' : card.scientificName;
    $('count').textContent = String(card.count);
    $('first-seen').textContent = when(card.firstSeen);
    $('last-seen').textContent = when(card.lastSeen);
    renderBest();
    renderHours();
    $('recent-empty').hidden = card.recent.length > 0;
    $('recent').replaceChildren(...card.recent.map((s) => tiles.tile(s, { photos, correct, extra: pinControl })));
    photos.keepOnly(card.recent.flatMap(tiles.photoSources).concat(card.best ? bestSources(card.best)
      .map((source) => source.src) : []));
    $('wikipedia').href = card.links.wikipedia;
    $('ebird').href = card.links.ebird;
    $('card').hidden = false;
  }

  async function load() {
    try {
      const next = await f.getJson(api);
      const seen = JSON.stringify(next);
      if (seen === lastSeen) { return; }
      // Polls leave a card alone while someone is correcting one of its photos.
      if (card && document.querySelector('#recent form.correct:not([hidden])')) { return; }
      lastSeen = seen;
      card = next;
      showError('');
      render();
    } catch (e) {
      $('card').hidden = true;
      $('name').textContent = name || 'No species named';
      showError(e.status === 404 ? 'Fieldmark does not know the species “' + name + '”: take a name from the '
        + 'gallery.' : e.message);
    }
  }

  $('unpin').addEventListener('click', () => send('DELETE', api + '/best').then(showError));
  load();
  setInterval(load, 5000);
})();
