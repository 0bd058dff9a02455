/*
 * Search worker for Material for MkDocs, backed by Pagefind's chunked static index.
 *
 * Material's search UI talks to a web worker through four messages (SETUP, READY, QUERY,
 * RESULT) and lets sites supply their own worker. This one answers queries from the
 * Pagefind index bundles at the site root, which the browser downloads in small chunks for
 * the words searched, instead of one lunr index of every page. Pagefind is loaded on the first
 * query, so readers who never search download nothing.
 */
"use strict"

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
const MAX_RESULTS = 20
const MAX_SECTIONS = 3

/* The site's search index comes in bundles (articles by year, at most so many pages each,
   to bound the indexer's memory and so a new article costs one bundle); the digest plugin
   writes their folders here, those that hold pages, when it copies this worker into the site.
   Pagefind loads from the first and merges the others. */
const BUNDLES = ["pagefind"]

/* The worker lives at assets/javascripts/workers/ below the site root */
const root = new URL("../../../", self.location.href)
let loading = null
/* Queries arrive per key press and finish out of order: only the newest may answer */
let latest = 0

function escapeHTML(value) {
  return String(value).replace(/[&<>"']/g, ch => ({
    "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"
  })[ch])
}

function relative(url) {
  const target = new URL(url, root)
  return target.pathname.startsWith(root.pathname)
    ? target.pathname.slice(root.pathname.length) + target.hash
    : target.href
}

/* One loading for all queries: a query typed while Pagefind loads waits for every bundle */
function load() {
  if (!loading) {
    loading = (async () => {
      const [first, ...more] = BUNDLES
      const engine = await import(new URL(`${first}/pagefind.js`, root).href)
      await engine.options({ baseUrl: root.pathname, excerptLength: 24 })
      await engine.init()
      for (const bundle of more)
        await engine.mergeIndex(new URL(`${bundle}/`, root).pathname, { baseUrl: root.pathname })
      return engine
    })().catch(err => {
      loading = null  /* a failed download is tried again by the next query */
      throw err
    })
  }
  return loading
}

async function search(query) {
  const words = query.trim().split(/\s+/).filter(Boolean)
  if (!words.length)
    return { items: [] }
  const engine = await load()
  const found = await engine.search(query)
  if (!found || !found.results)
    return { items: [] }
  const hits = found.results.slice(0, MAX_RESULTS)
  const data = await Promise.all(hits.map(hit => hit.data()))
  const terms = Object.fromEntries(words.map(word => [word.toLowerCase(), true]))
  return {
    items: data.map((page, i) => {
      const score = hits[i].score || 1
      const article = {
        location: relative(page.url),
        title: escapeHTML(page.meta && page.meta.title || page.url),
        text: `<p>${page.excerpt}</p>`,
        score,
        terms
      }
      const sections = (page.sub_results || [])
        .filter(sub => sub.url.includes("#") && sub.title !== (page.meta && page.meta.title))
        .slice(0, MAX_SECTIONS)
        .map(sub => ({
          location: relative(sub.url),
          title: escapeHTML(sub.title),
          text: `<p>${sub.excerpt}</p>`,
          score,
          terms
        }))
      return [article, ...sections]
    })
  }
}

addEventListener("message", async ev => {
  const message = ev.data
  if (message.type === SETUP) {
    postMessage({ type: READY })
  } else if (message.type === QUERY) {
    const mine = ++latest
    let data = { items: [] }
    try {
      data = await search(message.data)
    } catch (err) {
      console.warn("Search failed:", err)
    }
    if (mine === latest)
      postMessage({ type: RESULT, data })
  }
})
