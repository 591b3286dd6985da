'use strict';
// Fieldmark page: identify an uploaded photo (/v1/classify, the top five), the gallery of recent
// sightings with their photos (filters, paging by cursor, the "wrong bird?" correction), and the
// day's bird log. Before the first sighting only the two ways in show.
(function () {
  const f = window.fieldmark;
  const tiles = window.fieldmarkTiles;
  const $ = (id) => document.getElementById(id);
  const PAGE = 24;
  const ALL_TIME = 'from=1970-01-01&to=2100-01-01';

  function showError(message) {
    $('error').textContent = message;
    $('error').hidden = !message;
  }

  function renderBars(predictions) {
    $('bars').replaceChildren(...predictions.map((p) => {
      const li = f.text('li', 'bar');
      const head = f.text('div', 'bar-label');
      const name = f.text('span', 'species', p.label + (p.scientificName ? ' ' : ''));
      if (p.scientificName) { name.appendChild(f.text('em', '', p.scientificName)); }
      head.append(name, f.text('span', '', (p.probability * 100).toFixed(1) + '%'));
      const track = f.text('div', 'bar-track');
      const fill = f.text('div', 'bar-fill');
      fill.style.width = Math.max(0, Math.min(100, p.probability * 100)).toFixed(1) + '%';
      track.appendChild(fill);
      li.append(head, track);
      return li;
    }));
  }

  // A located bird: an outlined box at the region's relative coordinates (nothing for the whole frame).
  function placeRegion(box, region, species) {
    if (!region || region.wholeFrame) {
      box.hidden = true;
      return;
    }
    const pct = (v) => (Math.max(0, Math.min(1, v)) * 100).toFixed(3) + '%';
    box.style.left = pct(region.left);
    box.style.top = pct(region.top);
    box.style.width = pct(Math.min(region.relativeWidth, 1 - Math.max(0, region.left)));
    box.style.height = pct(Math.min(region.relativeHeight, 1 - Math.max(0, region.top)));
    const label = 'Located bird' + (species ? ': ' + species : '') + ' (' + region.width + ' × ' + region.height
      + ' pixels at ' + region.x + ', ' + region.y + ')';
    box.setAttribute('aria-label', label);
    box.title = label;
    box.hidden = false;
  }

  // The photo being identified: an <img> only once a photo was chosen.
  function showChosen(photo) {
    const old = $('preview');
    if (old) {
      URL.revokeObjectURL(old.src);
      old.remove();
    }
    const img = new Image();
    img.id = 'preview';
    img.alt = 'The photo being identified: ' + photo.name;
    img.src = URL.createObjectURL(photo);
    $('photo').prepend(img);
  }

  async function identify(photo) {
    showError('');
    if (!photo) { return; }
    $('result').hidden = false;
    $('region-box').hidden = true;
    showChosen(photo);
    $('message').textContent = 'Identifying ' + photo.name + '…';
    $('bars').replaceChildren();
    const url = '/v1/classify?top_k=5&key=' + encodeURIComponent(photo.name);
    try {
      const response = await f.request(url, { method: 'POST', body: photo,
        headers: { 'Content-Type': photo.type || 'application/octet-stream' } });
      if (!response.ok) {
        $('message').textContent = '';
        showError(await f.problemText(response));
        return;
      }
      const body = await response.json();
      $('message').textContent = body.message;
      renderBars(body.predictions || []);
      placeRegion($('region-box'), body.region, body.predictions && body.predictions[0]
        ? body.predictions[0].label : '');
      refreshAll();
    } catch (e) {
      $('message').textContent = '';
      showError('Could not reach the Fieldmark server: ' + e.message);
    }
  }

  // The gallery: the first page follows new sightings as they come (polled); "more" adds older ones.
  const photos = f.photoCache();
  const gallery = { items: [], cursor: null, shown: new Map(), query: '' };

  function galleryQuery() {
    const parts = ['limit=' + PAGE];
    const species = $('filter-species').value;
    const day = $('filter-day').value;
    if (species) { parts.push('species=' + encodeURIComponent(species)); }
    if (day) { parts.push('from=' + day, 'to=' + f.nextDay(day)); }
    return parts.join('&');
  }

  async function correct(s, body) {
    const error = await tiles.review(s, body);
    if (!error) { refreshAll(); }
    return error;
  }

  // Puts the gallery's tiles on the page, re-making only the tiles whose sighting changed; a tile
  // someone is correcting is left alone, and focus stays on the tile it was in.
  function renderTiles() {
    const ul = $('tiles');
    const next = new Map();
    gallery.items.forEach((s) => {
      const seen = JSON.stringify(s);
      const old = gallery.shown.get(s.id);
      const busy = old && old.li.querySelector('form.correct:not([hidden])');
      if (old && (old.seen === seen || busy)) {
        next.set(s.id, old);
        return;
      }
      const li = tiles.tile(s, { photos, correct, names: 'species-names' });
      if (old) {
        const focused = old.li.contains(document.activeElement);
        old.li.replaceWith(li);
        if (focused) { li.querySelector('button.wrong').focus(); }
      }
      next.set(s.id, { seen, li });
    });
    const order = gallery.items.map((s) => next.get(s.id).li);
    const current = Array.from(ul.children);
    if (order.length !== current.length || order.some((li, i) => li !== current[i])) {
      ul.replaceChildren(...order);
    }
    gallery.shown = next;
    photos.keepOnly(gallery.items.flatMap(tiles.photoSources));
    $('gallery-empty').hidden = gallery.items.length > 0;
    $('more').hidden = !gallery.cursor;
  }

  // The first page again: new sightings go on top, changed ones are re-made, older pages stay.
  async function refreshGallery() {
    const query = galleryQuery();
    const page = await f.getJson('/v1/sightings?' + query);
    const first = page.sightings;
    if (query !== gallery.query) {
      gallery.query = query;
      gallery.items = first;
      gallery.cursor = page.nextCursor;
    } else {
      const ids = new Set(first.map((s) => s.id));
      const oldest = first.length ? Date.parse(first[first.length - 1].time) : Infinity;
      const rest = page.nextCursor ? gallery.items.filter((s) => !ids.has(s.id) && Date.parse(s.time) <= oldest) : [];
      gallery.items = first.concat(rest);
      if (rest.length === 0) { gallery.cursor = page.nextCursor; }
    }
    renderTiles();
    return first.length;
  }

  async function more() {
    if (!gallery.cursor) { return; }
    const button = $('more');
    button.disabled = true;
    try {
      const page = await f.getJson('/v1/sightings?' + gallery.query + '&cursor=' + encodeURIComponent(gallery.cursor));
      const ids = new Set(gallery.items.map((s) => s.id));
      gallery.items = gallery.items.concat(page.sightings.filter((s) => !ids.has(s.id)));
      gallery.cursor = page.nextCursor;
      renderTiles();
    } catch (e) {
      showError(e.message);
    } finally {
      button.disabled = false;
    }
  }

  // Every species ever seen: the filter's choices and the correction's suggestions.
  let knownSpecies = '';
  async function refreshSpeciesChoices() {
    const list = (await f.getJson('/v1/species?' + ALL_TIME)).species;
    const seen = JSON.stringify(list.map((s) => [s.scientificName, s.displayName]));
    if (seen === knownSpecies) { return list.length; }
    knownSpecies = seen;
    const select = $('filter-species');
    const chosen = select.value;
    select.replaceChildren(new Option('All species', ''), ...list.map((s) => new Option(s.displayName
      + (s.displayName === s.scientificName ? '' : ' (' + s.scientificName + ')'), s.scientificName)));
    select.value = chosen;
    $('species-names').replaceChildren(...list.map((s) => new Option(s.scientificName, s.displayName)));
    return list.length;
  }

  // The day's bird log: species with "new" badges, the hour-of-day chart, the eBird CSV link.
  const chartDate = $('chart-date');
  let lastLog = '';

  function renderSpecies(list) {
    $('species-empty').hidden = list.length > 0;
    $('species-list').replaceChildren(...list.map((s) => {
      const li = document.createElement('li');
      li.dataset.species = s.scientificName;
      const name = f.text('a', 'species-name', s.displayName + ' ');
      name.href = f.speciesHref(s.scientificName);
      if (s.displayName !== s.scientificName) { name.appendChild(f.text('em', '', s.scientificName)); }
      if (s.new) { name.append(' ', f.text('span', 'badge-new', 'new')); }
      li.append(name, f.text('span', 'species-count', String(s.count)));
      return li;
    }));
  }

  async function refreshLog() {
    const dayQuery = chartDate.value ? '?date=' + chartDate.value : '';
    const [species, stats] = await Promise.all([f.getJson('/v1/species' + dayQuery),
      f.getJson('/v1/stats/hourly' + dayQuery)]);
    if (!chartDate.value) { chartDate.value = stats.date; }
    $('species-day').textContent = stats.date;
    $('csv-link').href = '/v1/sightings.csv?from=' + stats.date + '&to=' + f.nextDay(stats.date);
    // Re-render only on change, so nothing moves under a pointer between polls.
    const seen = JSON.stringify([species, stats]);
    if (seen === lastLog) { return; }
    lastLog = seen;
    renderSpecies(species.species);
    f.hourChart($('hour-chart'), stats.hours, 'Sightings per hour on ' + stats.date);
    $('chart-total').textContent = stats.total + (stats.total === 1 ? ' sighting' : ' sightings') + ' on '
      + stats.date + ' (' + stats.zone + ')';
  }

  // Nothing shows where there is nothing to show: before the first sighting, only the ways in.
  async function refreshAll() {
    try {
      const [everSeen] = await Promise.all([refreshSpeciesChoices(), refreshGallery(), refreshLog()]);
      const filtered = $('filter-species').value || $('filter-day').value;
      const empty = everSeen === 0 && gallery.items.length === 0 && !filtered;
      $('welcome').hidden = !empty;
      $('gallery').hidden = empty;
      $('log').hidden = empty;
    } catch (e) {
      // Without the key nothing can show; anything else, the next poll tries again.
      if (e.status === 401) { showError(e.message); }
    }
  }

  async function showWays() {
    try {
      const intake = await f.getJson('/v1/intake');
      if (intake.watchedFolder) {
        $('folder-path').textContent = intake.watchedFolder;
        $('way-folder').hidden = false;
      }
    } catch (ignored) { /* the upload is the one way in then */ }
  }

  chartDate.addEventListener('change', refreshAll);
  $('filter-species').addEventListener('change', refreshAll);
  $('filter-day').addEventListener('change', refreshAll);
  $('filters').addEventListener('reset', () => setTimeout(refreshAll, 0));
  $('filters').addEventListener('submit', (e) => e.preventDefault());
  $('more').addEventListener('click', more);
  $('csv-link').addEventListener('click', async (e) => {
    e.preventDefault(); // a plain link cannot send the key: fetch the file and hand it over
    const link = e.currentTarget;
    const response = await f.request(link.href);
    if (!response.ok) { showError(await f.problemText(response)); return; }
    const save = document.createElement('a');
    save.href = URL.createObjectURL(await response.blob());
    save.download = 'fieldmark-ebird-' + $('species-day').textContent + '.csv';
    save.click();
  });
  const drop = $('drop');
  $('file').addEventListener('change', () => identify($('file').files[0]));
  ['dragenter', 'dragover'].forEach((name) => drop.addEventListener(name, (e) => {
    e.preventDefault();
    drop.classList.add('over');
  }));
  ['dragleave', 'drop'].forEach((name) => drop.addEventListener(name, () => drop.classList.remove('over')));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    identify(e.dataTransfer.files[0]);
  });
  showWays().then(refreshAll);
  setInterval(refreshAll, 3000);
})();
