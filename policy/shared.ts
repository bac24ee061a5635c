/**
 * The module's SES facts (metric catalog, enforcement levels) and its metric-math reader, as the
 * pack uses them. This is the one place the pack names where they live: the component and the
 * pack share a single source, and `npm run build` compiles it into the pack's package (see
 * tsconfig.build.json), so a move of those files is a change to these two lines.
 */
export * from "../components/shared/catalog";
export * from "../components/shared/metricMath";
