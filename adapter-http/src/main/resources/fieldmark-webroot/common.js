'use strict';
// What the page and the species card share: the API key (asked for once when the server wants it,
// then sent on every call), JSON and photos fetched with it, times as people read them, and the
// hour-of-day chart.
window.fieldmark = (function () {
  let apiKey = localStorage.getItem('fieldmark-api-key') || '';
  let asking = null;
  let declined = false;

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

  // One prompt for every request refused at the same time; after "Cancel" the page stops asking.
  function askForKey() {
    if (declined) { return Promise.resolve(false); }
    if (!asking) {
      asking = new Promise((resolve) => setTimeout(() => {
        const key = window.prompt('This Fieldmark server needs its API key:');
        declined = key === null;
        if (key !== null) {
          apiKey = key.trim();
          localStorage.setItem('fieldmark-api-key', apiKey);
        }
        asking = null;
        resolve(key !== null);
      }, 0));
    }
    return asking;
  }

  // fetch with the key; a 401 asks for the key once and tries again with it.
  async function request(url, options) {
    const send = () => fetch(url, Object.assign({}, options, { headers: headers(options && options.headers) }));
    const response = await send();
    if (response.status === 401 && await askForKey()) { return send(); }
    return response;
  }

  async function getJson(url) {
    const response = await request(url);
    if (!response.ok) {
      const error = new Error(await problemText(response));
      error.status = response.status;
      throw error;
    }
    return response.json();
  }

  // Photos: an <img src> cannot send the key, so each photo is fetched with it and shown through a
  // blob: URL, one per address while it is on screen. An <img> is put on the page only once its
  // photo has decoded: a photo that is gone leaves its place empty, never a broken image.
  function photoCache() {
    const urls = new Map(); // address -> Promise of a blob: URL, or null when there is no photo
    return {
      load(src) {
        if (!urls.has(src)) {
          urls.set(src, request(src)
            .then((response) => (response.ok ? response.blob() : null))
            .then((blob) => (blob && blob.type.startsWith('image/') ? URL.createObjectURL(blob) : null))
            .catch(() => null));
        }
        return urls.get(src);
      },
      keepOnly(srcs) {
        const keep = new Set(srcs);
        urls.forEach((url, src) => {
          if (keep.has(src)) { return; }
          urls.delete(src);
          url.then((u) => { if (u) { URL.revokeObjectURL(u); } });
        });
      }
    };
  }

  // The first of `sources` ({src, alt, position: the part a cropped frame keeps}) that loads, as an <img> put into `slot`; null when none does.
  async function showPhoto(cache, slot, sources) {
    for (const source of sources) {
      const url = await cache.load(source.src);
      if (!url) { continue; }
      const img = new Image();
      img.alt = source.alt;
      img.src = url;
      if (source.position) { img.style.objectPosition = source.position; }
      try {
        await img.decode();
      } catch (ignored) {
        continue;
      }
      if (!slot.isConnected) { return null; }
      slot.replaceChildren(img);
      slot.classList.add('has-photo');
      return img;
    }
    return null;
  }

  function text(tag, className, content) {
    const element = document.createElement(tag);
    if (className) { element.className = className; }
    if (content !== undefined) { element.textContent = content; }
    return element;
  }

  const pad = (n) => String(n).padStart(2, '0');

  // 12:03 today, "30 Nov 12:03" on another day (24-hour clock, the browser's time zone).
  function clock(iso) {
    const when = new Date(iso);
    const time = pad(when.getHours()) + ':' + pad(when.getMinutes());
    if (when.toDateString() === new Date().toDateString()) { return time; }
    return when.toLocaleDateString(undefined, { day: 'numeric', month: 'short' }) + ' ' + time;
  }

  // A local day as YYYY-MM-DD, and the day after it.
  function day(date) {
    return date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate());
  }
  function nextDay(text) {
    const date = new Date(text + 'T12:00:00');
    date.setDate(date.getDate() + 1);
    return day(date);
  }

  // Where the card of a species is.
  function speciesHref(scientificName) {
    return '/species/' + encodeURIComponent(scientificName);
  }

  // Bars of sightings per hour of the day (`hours`: {hour, count} in order; a day with a clock
  // change has 23 or 25). The chart is an image to screen readers, and its label says what it shows
  // in words: only the hours with birds.
  function hourChart(chart, hours, what) {
    chart.replaceChildren();
    const max = Math.max(1, ...hours.map((h) => h.count));
    hours.forEach((h) => {
      const bar = text('div', 'hour-bar');
      bar.dataset.hour = String(h.hour);
      bar.dataset.count = String(h.count);
      bar.title = pad(h.hour) + ':00–' + pad(h.hour) + ':59: ' + h.count;
      const fill = text('div', 'hour-fill');
      fill.style.height = (h.count / max * 100).toFixed(1) + '%';
      bar.append(fill, text('div', 'hour-label', h.hour % 3 === 0 ? String(h.hour) : ''));
      chart.appendChild(bar);
    });
    const busy = hours.filter((h) => h.count).map((h) => pad(h.hour) + ':00 ' + h.count);
    chart.setAttribute('role', 'img');
    chart.setAttribute('aria-label', what + ': ' + (busy.length ? busy.join(', ') : 'none yet'));
  }

  return { headers, problemText, request, getJson, photoCache, showPhoto, text, clock, day, nextDay,
    speciesHref, hourChart };
})();
