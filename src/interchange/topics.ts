/**
 * Another system's subject or category name (e.g. "Ordering Decimals", "BIDMAS", a Moodle
 * category's last part) → a topic slug in content/taxonomy.yaml, by keywords. A small ordered
 * table rather than anything clever: first match wins, so the specific rules come before the
 * general ones ("Rounding to Decimal Places" is rounding, not decimals; "Speed, Distance, Time"
 * is rates, not time). A test checks every slug here exists in the taxonomy.
 */

const RULES: [RegExp, string][] = [
  [/bidmas|bodmas|order of operations|priority of operations/i, 'order-of-operations'],
  [/perimeter/i, 'perimeter'],
  [/volume|capacity/i, 'volume'],
  [/area/i, 'area'],
  [/pythag|trigonometr|sohcahtoa|right.angled triangle/i, 'pythagoras-trigonometry'],
  [/speed|distance|rates?\b|best buy|unit pric|density|pressure/i, 'rates'],
  [/angle|bearing|parallel lines/i, 'angles'],
  [/round|estimat|bounds|significant fig|approximat/i, 'rounding'],
  [
    /standard form|powers?\b|roots?\b|indices|index law|squares?,|cubes?,|surd/i,
    'powers-and-roots',
  ],
  [/probabilit|chance|likel/i, 'probability-scale'],
  [/tree diagram|venn|sample space|expected|relative frequency|combined event/i, 'combined-events'],
  [/(fraction|decimal|percent)\w*.*(fraction|decimal|percent)|fdp/i, 'fdp-conversion'],
  [/percent/i, 'percentages'],
  [
    /equivalent fraction|simplifying fraction|fractions? in (their )?simplest/i,
    'equivalent-fractions',
  ],
  [/fraction/i, 'fraction-arithmetic'],
  [/decimal/i, 'decimals'],
  [/ratio/i, 'ratio'],
  [/proportion|scal(e|ing)|recipe|conversion graph/i, 'proportion'],
  [/negative|directed number/i, 'negative-numbers'],
  [/factori[sz]/i, 'algebraic-notation'],
  [/factor|multiples|prime|hcf|lcm|highest common|lowest common/i, 'factors-multiples-primes'],
  [/sequence|nth term|term.to.term/i, 'sequences'],
  [/substitut|formula|formulae/i, 'substitution'],
  [/equation|inequalit|solving/i, 'equations'],
  [
    /bar chart|pie chart|pictogram|tally|frequency|two.way|scatter|histogram|chart|table/i,
    'charts-and-tables',
  ],
  [/graph|coordinate|gradient|straight.line|quadrant|axes/i, 'graphs'],
  [/mean|median|mode\b|averag|range/i, 'averages'],
  [
    /algebra|expression|expand|brackets|like terms|simplif|notation|collecting/i,
    'algebraic-notation',
  ],
  [/reflect|rotat|translat|enlarg|transform|symmetr|vector|position|direction/i, 'transformations'],
  [/3.?d|cuboid|prism|nets?\b|pyramid|cylinder|sphere|faces|edges|vertices|solid/i, 'shapes-3d'],
  [/2.?d|shape|polygon|quadrilateral|triangle|circle|properties/i, 'shapes-2d'],
  [/place value|reading|writing numbers|counting|digits|number line|roman/i, 'place-value'],
  [/order|compar/i, 'ordering-numbers'],
  [/multipl|divi|times table|product|quotient/i, 'multiplication-division'],
  [/add|subtract|sum|differen|mental|written|arithmetic/i, 'addition-subtraction'],
  [/unit|measur|length|mass|weight|metric|imperial|convert/i, 'units'],
  [/time|clock|calendar|hours|minutes/i, 'time'],
]

/** Every topic slug the table can answer (the test checks them against the taxonomy). */
export const MAPPED_TOPICS = [...new Set(RULES.map(([, topic]) => topic))]

/** Our topic for a subject name, or undefined when no keyword says. */
export function topicForName(name: string): string | undefined {
  const text = name.trim()
  if (!text) return undefined
  return RULES.find(([pattern]) => pattern.test(text))?.[1]
}

const nameKey = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()

// Each taxonomy's names as lookup keys, worked out once per list rather than once per row.
const keyed = new WeakMap<readonly { slug: string; name: string }[], Map<string, string>>()

/** Our topic named exactly so (case and punctuation aside), by its name or its slug. */
export function topicNamed(
  name: string,
  topics: readonly { slug: string; name: string }[] = [],
): string | undefined {
  const key = nameKey(name)
  if (!key) return undefined
  let keys = keyed.get(topics)
  if (!keys) {
    keys = new Map()
    for (const t of topics) {
      keys.set(nameKey(t.slug), t.slug)
      keys.set(nameKey(t.name), t.slug)
    }
    keyed.set(topics, keys)
  }
  return keys.get(key)
}

// Moodle's own path parts that say where a category lives, not what it is about.
const CONTEXT_PART = /^\$[a-z0-9]+\$$|^top$|^default for /i

/**
 * A Moodle category path (`$course$/top/Year 8/Fractions/Adding`) → our topic: the deepest part
 * that names one of our topics exactly wins; otherwise the keyword table reads the whole path,
 * so its ordered rules decide (`Fractions/Adding` is fractions, not addition, and
 * `Fractions/Equivalent fractions` the more specific of the two). Moodle writes a `/` inside a
 * category name as `//`.
 */
export function topicForCategory(
  path: string,
  topics: readonly { slug: string; name: string }[] = [],
): string | undefined {
  const parts = path
    .split(/(?<!\/)\/(?!\/)/)
    .map((part) => part.replace(/\/\//g, '/').trim())
    .filter((part) => part && !CONTEXT_PART.test(part))
  for (const part of [...parts].reverse()) {
    const exact = topicNamed(part, topics)
    if (exact) return exact
  }
  return topicForName(parts.join(' / '))
}
