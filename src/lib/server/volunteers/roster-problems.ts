import { errorText, translate } from '$lib/i18n';
import type { RowProblem } from './roster-csv';

/** Problems as the preview shows them: line, column name and message in the reader's language. */
export function describeProblems(problems: RowProblem[], limit = 500) {
	return {
		total: problems.length,
		shown: problems.slice(0, limit).map((problem) => ({
			line: problem.line,
			field: translate(`roster_field_${problem.field}`) ?? problem.field,
			message: errorText(problem.code, problem.params)
		}))
	};
}
