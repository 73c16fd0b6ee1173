/** Source dates for people: "2018-12" → "Dec 2018". */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function humanDate(iso: string): string {
  const [year, month, day] = iso.split('-');
  if (!year) return '';
  const m = month ? MONTHS[Number(month) - 1] : undefined;
  if (!m) return year;
  return day ? `${Number(day)} ${m} ${year}` : `${m} ${year}`;
}
