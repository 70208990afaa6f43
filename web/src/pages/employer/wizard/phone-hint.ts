/**
 * What the 电话 fields (the employer's contact, 档案接收 on both sides) tell people: the forms the
 * server reads (domain/phone.ts) and stores as 13800138000, 021-64826000转8001, +852 2123 4567.
 */
import { PHONE_MAX_LENGTH } from '../../../../../domain/phone';

export const PHONE_HINT = '手机、座机（可带区号、分机“转”）或 +852 等境外号码，如 13800138000、021-64826000转8001';

/** The longest input the server reads (a number, its extension and spacing). */
export const PHONE_INPUT_MAX = PHONE_MAX_LENGTH;
