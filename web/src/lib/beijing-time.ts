/** Times as people in China read them: Beijing time (UTC+8, no daylight saving), whatever the device's zone. */
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

export function beijingTime(iso: string | null | undefined, pattern = 'YYYY-MM-DD HH:mm'): string {
  if (!iso) return '—';
  return `${dayjs(iso).tz('Asia/Shanghai').format(pattern)}（北京时间）`;
}
