// autocannon ships no types; the bench reads a few fields of its result and checks them at run time.
declare module 'autocannon' {
  // biome-ignore lint/suspicious/noExplicitAny: untyped package, see above.
  const autocannon: (options: object) => Promise<any>;
  export default autocannon;
}
