/** A figure of the self-assessment in words: "12", "fewer than 10", "65 % (11 / 17)". */
import { format, optionLabel, t } from '../messages';
import type { IndicatorSeries, StudentCount, YearFigure } from '../contracts/self-assessment';

export const countText = (count: StudentCount): string =>
	'students' in count
		? String(count.students)
		: 'moreThan' in count
			? format(t.selfAssessment.moreThan, { count: count.moreThan })
			: t.selfAssessment.fewerThan;

/** The share and its counts, or only the counts when one of them is hidden. */
export const figureText = (figure: YearFigure): string =>
	figure.percent !== null
		? `${figure.percent} % (${countText(figure.count)} / ${countText(figure.of)})`
		: `${countText(figure.count)} / ${countText(figure.of)}`;

/** The label of a figure; a school's own pathway by the name its template gives it. */
export function seriesLabel(
	one: IndicatorSeries,
	pathwayOptions: readonly { value: string; label?: string }[]
): string {
	if (one.indicator !== 'pathway') return t.selfAssessment.indicators[one.indicator];
	const kind = one.pathwayKind ?? '';
	const own = pathwayOptions.find((option) => option.value === kind)?.label;
	return format(t.selfAssessment.indicators.pathway, { kind: own ?? optionLabel(kind) });
}
