// A result explains itself (issue 6): every deciding number in words, as a notice prints it,
// e.g. "参与表决面积 12,345.67 m²，占总面积 82.30%，达到三分之二 ✔". Percentages are rounded
// down to hundredths for display only; the decision itself is the exact comparison in tally.ts.
import { formatArea } from '../area.ts';
import type { MatterResult, Share } from './tally.ts';

/** 1234567 hundredths -> "12,345.67". */
export function areaWords(hundredths: number): string {
  const [whole, frac] = formatArea(hundredths).split('.');
  return `${Number(whole).toLocaleString('en-US')}.${frac}`;
}

/** part/whole as a percentage with two decimals, rounded down so 66.666…% never shows as 66.67%. */
export function percentWords(part: number, whole: number): string {
  if (whole <= 0) return '—';
  const tenThousandths = Math.floor((part * 10_000) / whole);
  return `${Math.trunc(tenThousandths / 100)}.${String(tenThousandths % 100).padStart(2, '0')}%`;
}

const mark = (ok: boolean) => (ok ? '✔' : '✘');

/**
 * Beside a share that is compared with a threshold (2/3, 1/2, 3/4): the exact fraction, when
 * the printed percentage alone would mislead — it equals the threshold's printed value
 * (exactly two thirds prints 66.66%, next to 达到三分之二) or sits on the wrong side of it.
 */
export function thresholdNote(part: number, whole: number, num: number, den: number, fmt: (n: number) => string): string {
  if (whole <= 0) return '';
  const exact = Math.sign(part * den - num * whole);
  const printed = Math.sign(Math.floor((part * 10_000) / whole) - Math.floor((num * 10_000) / den));
  if (printed !== 0 && printed === exact) return '';
  return `（${fmt(part)} / ${fmt(whole)} ${exact > 0 ? '>' : exact < 0 ? '<' : '='} ${num}/${den}）`;
}
const heads = (n: number) => String(n);

/** The lines a results notice prints for one matter, in Chinese. */
export function matterWords(m: MatterResult, totals: Share): string[] {
  const p = m.participating;
  const areaQuorum = 3 * p.areaHundredths >= 2 * totals.areaHundredths;
  const headQuorum = 3 * p.heads >= 2 * totals.heads;
  const lines = [
    `参与表决面积 ${areaWords(p.areaHundredths)} m²，占总面积 ${percentWords(p.areaHundredths, totals.areaHundredths)}${thresholdNote(p.areaHundredths, totals.areaHundredths, 2, 3, areaWords)}，${areaQuorum ? '达到' : '未达到'}三分之二 ${mark(areaQuorum)}`,
    `参与表决人数 ${p.heads} 人，占总人数 ${percentWords(p.heads, totals.heads)}${thresholdNote(p.heads, totals.heads, 2, 3, heads)}，${headQuorum ? '达到' : '未达到'}三分之二 ${mark(headQuorum)}`,
  ];
  if (!m.quorumMet) {
    lines.push('参与表决的业主未达到法定人数和面积，本事项未能表决通过');
    return lines;
  }
  const ordinary = m.kind === 'ordinary';
  const areaOk = ordinary ? 2 * m.agree.areaHundredths > p.areaHundredths : 4 * m.agree.areaHundredths >= 3 * p.areaHundredths;
  const headOk = ordinary ? 2 * m.agree.heads > p.heads : 4 * m.agree.heads >= 3 * p.heads;
  const bar = ordinary ? '过半数' : '四分之三以上';
  const [num, den] = ordinary ? [1, 2] : [3, 4];
  lines.push(
    `同意面积 ${areaWords(m.agree.areaHundredths)} m²，占参与表决面积 ${percentWords(m.agree.areaHundredths, p.areaHundredths)}${thresholdNote(m.agree.areaHundredths, p.areaHundredths, num, den, areaWords)}，${areaOk ? '' : '未'}达到${bar} ${mark(areaOk)}`,
    `同意人数 ${m.agree.heads} 人，占参与表决人数 ${percentWords(m.agree.heads, p.heads)}${thresholdNote(m.agree.heads, p.heads, num, den, heads)}，${headOk ? '' : '未'}达到${bar} ${mark(headOk)}`,
    m.passed ? '本事项表决通过' : '本事项未获通过',
  );
  return lines;
}

/** What the committee still needs for the quorum: "还差 123.45 m² 和 4 户", or that it is reached. */
export function gapWords(gap: Share): string {
  if (gap.areaHundredths === 0 && gap.heads === 0) return '参与表决的面积和人数均已达到三分之二';
  const parts = [gap.areaHundredths > 0 ? `${areaWords(gap.areaHundredths)} m²` : '', gap.heads > 0 ? `${gap.heads} 户` : ''].filter(Boolean);
  return `还差 ${parts.join(' 和 ')}`;
}
