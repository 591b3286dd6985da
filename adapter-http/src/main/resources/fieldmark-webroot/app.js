'use strict';
// Fieldmark page: upload a photo to /v1/classify, show the top five, list recent identifications.
(function () {
  const $ = (id) => document.getElementById(id);
  const drop = $('drop');
  const file = $('file');
  let apiKey = localStorage.getItem('fieldmark-api-key') || '';

  function headers(extra) {
    const h = Object.assign({}, extra || {});
    if (apiKey) { h['Authorization'] = 'Bearer ' + apiKey; }
    return h;
  }

  async function problemText(response) {
    // Errors come as application/problem+json; show their sentence, never a stack trace.
    try {
      const body = await response.json();
      if (body.detail) { return body.detail; }
      if (body.title) { return body.title; }
    } catch (ignored) { /* not JSON */ }
    return 'The server answered ' + response.status + '.';
  }

  function showError(text) {
    const error = $('error');
    error.textContent = text;
    error.hidden = !text;
  }

  function label(p) {
    return p.label + (p.scientificName ? ' ' : '');
  }

  function renderBars(predictions) {
    const bars = $('bars');
    bars.replaceChildren();
    predictions.forEach((p) => {
      const li = document.createElement('li');
      li.className = 'bar';
      const head = document.createElement('div');
      head.className = 'bar-label';
      const name = document.createElement('span');
      name.className = 'species';
      name.textContent = label(p);
      if (p.scientificName) {
        const sci = document.createElement('em');
        sci.textContent = p.scientificName;
        name.appendChild(sci);
      }
      const value = document.createElement('span');
      value.textContent = (p.probability * 100).toFixed(1) + '%';
      head.append(name, value);
      const track = document.createElement('div');
      track.className = 'bar-track';
      const fill = document.createElement('div');
      fill.className = 'bar-fill';
      fill.style.width = Math.max(0, Math.min(100, p.probability * 100)).toFixed(1) + '%';
      track.appendChild(fill);
      li.append(head, track);
      bars.appendChild(li);
    });
  }

  // A located bird: an outlined box at the region's relative coordinates (nothing for the whole
  // frame). `cover` is the aspect ratio of a square thumbnail the photo fills with object-fit:
  // cover (the recent list), which crops it; without it the element shows the whole photo.
  function placeRegion(box, region, species, cover) {
    if (!region || region.wholeFrame) {
      box.hidden = true;
      return;
    }
    let left = region.left, top = region.top, width = region.relativeWidth, height = region.relativeHeight;
    if (cover) {
      const scale = Math.max(1 / region.imageWidth, 1 / region.imageHeight);
      const dx = (1 - region.imageWidth * scale) / 2, dy = (1 - region.imageHeight * scale) / 2;
      left = dx + region.x * scale; top = dy + region.y * scale;
      width = region.width * scale; height = region.height * scale;
    }
    const pct = (v) => (Math.max(0, Math.min(1, v)) * 100).toFixed(3) + '%';
    box.style.left = pct(left);
    box.style.top = pct(top);
    box.style.width = pct(Math.min(width, 1 - Math.max(0, left)));
    box.style.height = pct(Math.min(height, 1 - Math.max(0, top)));
    const label = 'Located bird' + (species ? ': ' + species : '') + ' (' + region.width + ' × ' + region.height
      + ' pixels at ' + region.x + ', ' + region.y + ')';
    box.setAttribute('aria-label', label);
    box.title = label;
    box.hidden = false;
  }

  async function identify(photo) {
    showError('');
    if (!photo) { return; }
    $('result').hidden = false;
    $('region-box').hidden = true;
    if ($('preview').src.startsWith('blob:')) { URL.revokeObjectURL($('preview').src); }
    $('preview').src = URL.createObjectURL(photo);
    $('message').textContent = 'Identifying ' + photo.name + '…';
    $('bars').replaceChildren();
    const type = photo.type || 'application/octet-stream';
    const url = '/v1/classify?top_k=5&key=' + encodeURIComponent(photo.name);
    try {
      let response = await fetch(url, { method: 'POST', body: photo, headers: headers({ 'Content-Type': type }) });
      if (response.status === 401) {
        apiKey = window.prompt('This Fieldmark server needs its API key:') || '';
        localStorage.setItem('fieldmark-api-key', apiKey);
        response = await fetch(url, { method: 'POST', body: photo, headers: headers({ 'Content-Type': type }) });
      }
      if (!response.ok) {
        $('message').textContent = '';
        showError(await problemText(response));
        return;
      }
      const body = await response.json();
      $('message').textContent = body.message;
      renderBars(body.predictions || []);
      placeRegion($('region-box'), body.region, body.predictions && body.predictions[0]
        ? body.predictions[0].label : '');
      refresh();
      refreshLog();
    } catch (e) {
      $('message').textContent = '';
      showError('Could not reach the Fieldmark server: ' + e.message);
    }
  }

  // Thumbnails. An <img src> cannot send the API key, so with a key each image is fetched with it
  // and shown through a blob: URL: one per URL while it is listed (the lists re-render on every
  // poll), revoked once it drops out of its list or the API key changes. One cache per list.
  function thumbnailCache() {
    const urls = new Map(); // src -> Promise of a blob: URL, or null when there is no image
    let forKey = apiKey;
    function forget(keep) {
      urls.forEach((url, src) => {
        if (keep.has(src)) { return; }
        urls.delete(src);
        url.then((u) => { if (u) { URL.revokeObjectURL(u); } });
      });
    }
    return {
      keepOnly(srcs) {
        if (forKey !== apiKey) {
          forget(new Set());
          forKey = apiKey;
        }
        forget(new Set(srcs));
      },
      show(img, src) {
        if (!apiKey) {
          img.src = src;
          return;
        }
        if (!urls.has(src)) {
          urls.set(src, fetch(src, { headers: headers() })
            .then((response) => (response.ok ? response.blob() : null))
            .then((blob) => (blob ? URL.createObjectURL(blob) : null))
            .catch(() => null));
        }
        urls.get(src).then((url) => {
          if (url) { img.src = url; } else { img.style.visibility = 'hidden'; }
        });
      }
    };
  }
  const photos = thumbnailCache();
  const crops = thumbnailCache();
  const photoUrl = (key) => '/v1/images?key=' + encodeURIComponent(key);

  function renderRecent(items) {
    const list = $('recent-list');
    $('empty').hidden = items.length > 0;
    photos.keepOnly(items.map((item) => photoUrl(item.key)));
    list.replaceChildren();
    items.forEach((item) => {
      const li = document.createElement('li');
      const img = document.createElement('img');
      img.alt = '';
      img.loading = 'lazy';
      img.onerror = () => { img.style.visibility = 'hidden'; };
      photos.show(img, photoUrl(item.key));
      const thumb = document.createElement('div');
      thumb.className = 'thumb';
      const box = document.createElement('div');
      box.className = 'region-box';
      box.setAttribute('role', 'img');
      thumb.append(img, box);
      placeRegion(box, item.region, item.predictions && item.predictions[0] ? item.predictions[0].label : '', true);
      const text = document.createElement('div');
      const message = document.createElement('div');
      message.className = 'recent-message';
      message.textContent = item.message;
      const when = document.createElement('div');
      when.className = 'when';
      when.textContent = item.modelId ? 'model ' + item.modelId : '';
      text.append(message, when);
      li.append(thumb, text);
      list.appendChild(li);
    });
  }

  async function refresh() {
    try {
      const response = await fetch('/v1/identifications?limit=20', { headers: headers() });
      if (response.ok) {
        const body = await response.json();
        renderRecent(Array.isArray(body) ? body : (body.items || body.identifications || []));
      }
    } catch (ignored) { /* the next poll tries again */ }
  }

  // The bird log: the day's species with "new" badges, the hour-of-day chart, the latest sightings
  // with a one-click correction.
  const chartDate = $('chart-date');
  let lastLog = '';

  function text(tag, className, content) {
    const element = document.createElement(tag);
    if (className) { element.className = className; }
    element.textContent = content;
    return element;
  }

  async function getJson(url) {
    const response = await fetch(url, { headers: headers() });
    if (!response.ok) { throw new Error(await problemText(response)); }
    return response.json();
  }

  function renderSpecies(list) {
    const ul = $('species-list');
    $('species-empty').hidden = list.length > 0;
    ul.replaceChildren();
    list.forEach((s) => {
      const li = document.createElement('li');
      li.dataset.species = s.scientificName;
      const name = text('span', 'species-name', s.displayName + ' ');
      if (s.displayName !== s.scientificName) { name.appendChild(text('em', '', s.scientificName)); }
      if (s.new) { name.append(' ', text('span', 'badge-new', 'new')); }
      li.append(name, text('span', 'species-count', String(s.count)));
      ul.appendChild(li);
    });
  }

  function renderChart(stats) {
    const chart = $('hour-chart');
    chart.replaceChildren();
    const max = Math.max(1, ...stats.hours.map((h) => h.count));
    stats.hours.forEach((h) => {
      const bar = document.createElement('div');
      bar.className = 'hour-bar';
      bar.dataset.hour = String(h.hour);
      bar.dataset.count = String(h.count);
      bar.title = h.start.substring(11, 16) + ' (' + h.start.substring(16) + '): ' + h.count;
      const fill = document.createElement('div');
      fill.className = 'hour-fill';
      fill.style.height = (h.count / max * 100).toFixed(1) + '%';
      bar.append(fill, text('div', 'hour-label', h.hour % 3 === 0 ? String(h.hour) : ''));
      chart.appendChild(bar);
    });
    $('chart-total').textContent = stats.total + (stats.total === 1 ? ' sighting' : ' sightings') + ' on '
      + stats.date + ' (' + stats.zone + ')';
  }

  async function review(sighting) {
    const answer = window.prompt('Which bird was it really? Type its name (e.g. "House Sparrow" or '
      + '"Passer domesticus"), or "not a bird".', '');
    if (answer === null || answer.trim() === '') { return; }
    const body = /^not a bird$/i.test(answer.trim()) ? { notABird: true } : { label: answer.trim() };
    try {
      const response = await fetch('/v1/sightings/' + encodeURIComponent(sighting.id) + '/review', {
        method: 'POST', body: JSON.stringify(body), headers: headers({ 'Content-Type': 'application/json' })
      });
      if (!response.ok) { showError(await problemText(response)); return; }
      showError('');
      refreshLog();
    } catch (e) {
      showError('Could not reach the Fieldmark server: ' + e.message);
    }
  }

  function renderSightings(list) {
    const ul = $('sightings-list');
    $('sightings-empty').hidden = list.length > 0;
    crops.keepOnly(list.filter((s) => s.thumbnailUrl).map((s) => s.thumbnailUrl));
    ul.replaceChildren();
    list.forEach((s) => {
      const li = document.createElement('li');
      li.dataset.id = s.id;
      if (s.thumbnailUrl) {
        // The crop of the located bird, made when the photo was identified.
        const crop = document.createElement('img');
        crop.className = 'crop';
        crop.alt = 'The located ' + (s.countsAs ? s.countsAs.displayName : s.displayName);
        crop.onerror = () => { crop.style.visibility = 'hidden'; };
        crops.show(crop, s.thumbnailUrl);
        li.appendChild(crop);
      }
      const when = new Date(s.time);
      const line = text('div', 'sighting-text', when.toLocaleString() + ' · ' + s.source + ' · ');
      const species = s.countsAs ? s.countsAs.displayName : s.displayName;
      line.appendChild(text('strong', s.countsAs ? '' : 'no-bird', species));
      if (s.review) { line.appendChild(text('span', 'reviewed', s.review.notABird ? '(not a bird)' : '(reviewed)')); }
      const deliveries = window.fieldmarkDeliveries(s.deliveries);
      if (deliveries) { line.appendChild(deliveries); }
      const button = text('button', 'wrong', 'wrong bird?');
      button.type = 'button';
      button.addEventListener('click', () => review(s));
      li.append(line, button);
      ul.appendChild(li);
    });
  }

  async function refreshLog() {
    const day = chartDate.value;
    const dayQuery = day ? '?date=' + day : '';
    try {
      const [species, stats, page] = await Promise.all([getJson('/v1/species' + dayQuery),
        getJson('/v1/stats/hourly' + dayQuery), getJson('/v1/sightings?limit=20')]);
      if (!chartDate.value) { chartDate.value = stats.date; }
      $('species-day').textContent = stats.date;
      const next = new Date(stats.date + 'T00:00:00Z');
      next.setUTCDate(next.getUTCDate() + 1);
      $('csv-link').href = '/v1/sightings.csv?from=' + stats.date + '&to=' + next.toISOString().substring(0, 10);
      // Re-render only on change, so a button does not move away under a pointer between polls.
      const seen = JSON.stringify([species, stats, page]);
      if (seen === lastLog) { return; }
      lastLog = seen;
      renderSpecies(species.species);
      renderChart(stats);
      renderSightings(page.sightings);
    } catch (ignored) { /* the next poll tries again */ }
  }

  chartDate.addEventListener('change', refreshLog);
  $('csv-link').addEventListener('click', async (e) => {
    if (!apiKey) { return; } // a plain link cannot send the key: fetch the file and hand it over instead
    e.preventDefault();
    const link = e.currentTarget;
    const response = await fetch(link.href, { headers: headers() });
    if (!response.ok) { showError(await problemText(response)); return; }
    const save = document.createElement('a');
    save.href = URL.createObjectURL(await response.blob());
    save.download = 'fieldmark-ebird.csv';
    save.click();
  });
  file.addEventListener('change', () => identify(file.files[0]));
  ['dragenter', 'dragover'].forEach((name) => drop.addEventListener(name, (e) => {
    e.preventDefault();
    drop.classList.add('over');
  }));
  ['dragleave', 'drop'].forEach((name) => drop.addEventListener(name, () => drop.classList.remove('over')));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    identify(e.dataTransfer.files[0]);
  });
  refresh();
  refreshLog();
  setInterval(refresh, 1500);
  setInterval(refreshLog, 5000);
})();
