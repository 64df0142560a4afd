// What every benchmark prints with: one list of lines that becomes RESULTS.md.
export const lines: string[] = [];
export const say = (s = '') => {
  console.log(s);
  lines.push(s);
};
export const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
export const ms = (n: number) => n.toFixed(2);
export const kb = (n: number) => (n / 1024).toFixed(1);
