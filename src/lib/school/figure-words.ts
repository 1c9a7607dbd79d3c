/** A figure of the self-assessment in words: "12", "fewer than 10", "65 % (11 / 17)". */
import { format, t } from '../messages';
import type { StudentCount, YearFigure } from './self-assessment';

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
