/**
 * Every path through the signing workflow, the 解约 workflow and the notification child that has a recorded history
 * under tests/fixtures/histories/<name>.json. The recorder (record-histories.record.ts) records
 * exactly these; the replay test fails when one of them has no fixture. A new path through the
 * workflow gets a name here, a scenario in the recorder, and a fixture.
 */
import type { RescissionStatus } from '../../domain/rescission';
import type { SigningStatus } from '../../domain/status';

export interface HistoryPath {
  /** The fixture's file name, without `.json`. */
  name: string;
  workflowType: 'signingWorkflow' | 'rescissionWorkflow' | 'deliverNotificationsWorkflow';
  /** For a signing: the status it ends in. */
  endsIn?: SigningStatus;
  /** For a 解约 request: the status it ends in. */
  rescissionEndsIn?: RescissionStatus;
  what: string;
}

const CANCELS = (['PENDING_EMPLOYER', 'PENDING_STUDENT', 'PENDING_SCHOOL'] as const).flatMap((stage) =>
  (['student', 'employer', 'school'] as const).map(
    (party): HistoryPath => ({
      name: `cancelled-${stage.toLowerCase().replace('_', '-')}-by-${party}`,
      workflowType: 'signingWorkflow',
      endsIn: 'CANCELLED',
      what: `the ${party} cancels in ${stage}`,
    }),
  ),
);

const EXPIRIES = (['PENDING_EMPLOYER', 'PENDING_STUDENT', 'PENDING_SCHOOL'] as const).map(
  (stage): HistoryPath => ({
    name: `expired-${stage.toLowerCase().replace('_', '-')}`,
    workflowType: 'signingWorkflow',
    endsIn: 'EXPIRED',
    what: `nobody acts in ${stage}: reminders, last call, expiry (short deadline policy)`,
  }),
);

const rescission = (name: string, rescissionEndsIn: RescissionStatus, what: string): HistoryPath => ({
  name: `rescission-${name}`,
  workflowType: 'rescissionWorkflow',
  rescissionEndsIn,
  what,
});

/** 解约 on a completed signing (docs/design.md §11): every way a request ends, each stage it can end in, and its Signals. */
const RESCISSIONS: HistoryPath[] = [
  rescission('approved', 'APPROVED', 'the employer asks → the student agrees → the school approves (the signing 已解约, the plan withdrawn)'),
  rescission('approved-with-deliveries', 'APPROVED', 'the student asks → the employer agrees → the school approves, every party reachable: each step starts its delivery child'),
  rescission('rejected-by-counterparty', 'REJECTED', 'the student asks with a 解约函 → the employer rejects, with a reason'),
  rescission('rejected-by-school', 'REJECTED', 'the employer asks → the student agrees → the school rejects, with a reason'),
  rescission('withdrawn-pending-counterparty', 'WITHDRAWN', 'the student asks, then withdraws while the employer has not answered'),
  rescission('withdrawn-pending-school', 'WITHDRAWN', 'the employer asks → the student agrees → the employer withdraws before the school decides'),
  rescission('expired-pending-counterparty', 'EXPIRED', 'nobody answers: reminders to the counterparty, last call, expiry (short deadline policy)'),
  rescission('expired-pending-school', 'EXPIRED', 'the counterparty agrees, the school does not decide: reminders, last call, expiry (short deadline policy)'),
  rescission('reminded-then-approved', 'APPROVED', 'the first reminder fires while the counterparty has not answered, then agree and approve'),
  rescission('signals-approved', 'APPROVED', 'agree and approve as Signals'),
  rescission('signal-refused-then-withdrawn', 'WITHDRAWN', 'an approve Signal out of turn (logged and ignored, but in history), then a withdraw Signal'),
  rescission('update-refused-then-approved', 'APPROVED', 'an approve Update the validator refuses (not in history), then accepted Updates'),
];

export const HISTORY_PATHS: readonly HistoryPath[] = [
  { name: 'completed', workflowType: 'signingWorkflow', endsIn: 'COMPLETED', what: 'submit → employer signs → student confirms → school confirms' },
  {
    name: 'student-returned-then-completed',
    workflowType: 'signingWorkflow',
    endsIn: 'COMPLETED',
    what: 'the student returns version 1; the employer signs version 2; completed',
  },
  {
    name: 'school-returned-then-completed',
    workflowType: 'signingWorkflow',
    endsIn: 'COMPLETED',
    what: 'the school returns after the student confirmed; the employer signs version 2; completed',
  },
  ...CANCELS,
  {
    name: 'archive-updated-by-employer-then-completed',
    workflowType: 'signingWorkflow',
    endsIn: 'COMPLETED',
    what: 'the employer saves 档案接收 while PENDING_EMPLOYER (no new stage), then completed',
  },
  {
    name: 'archive-updated-by-student-then-completed',
    workflowType: 'signingWorkflow',
    endsIn: 'COMPLETED',
    what: 'the student saves 档案接收 while PENDING_STUDENT (no new stage), then completed',
  },
  ...EXPIRIES,
  {
    name: 'reminded-then-completed',
    workflowType: 'signingWorkflow',
    endsIn: 'COMPLETED',
    what: 'the first reminder fires in PENDING_EMPLOYER, then every party acts before any deadline',
  },
  {
    name: 'signals-completed',
    workflowType: 'signingWorkflow',
    endsIn: 'COMPLETED',
    what: 'every action as a Signal: sign, return, sign again, save 档案接收, confirm, school confirm',
  },
  {
    name: 'older-shapes-signed-by-signal-then-completed',
    workflowType: 'signingWorkflow',
    endsIn: 'COMPLETED',
    what: 'employerSign as a Signal in the shapes sent before term kinds and phone normalisation (no contractTermKind: hash canonical form 1; phones as digits and hyphens), then completed',
  },
  {
    name: 'signal-refused-then-cancelled',
    workflowType: 'signingWorkflow',
    endsIn: 'CANCELLED',
    what: 'a Signal the rules refuse (logged and ignored, but in history), then a cancel Signal',
  },
  {
    name: 'update-refused-then-accepted',
    workflowType: 'signingWorkflow',
    endsIn: 'CANCELLED',
    what: 'an Update the validator refuses (not in history), then accepted Updates',
  },
  // The signing fixtures above were recorded while the run itself published the signing and
  // recorded the submission's notice (its input without `submissionNotice`), as runs started
  // then still do: re-record them only with that in mind. These two start as the API starts runs now.
  {
    name: 'notice-by-api-completed',
    workflowType: 'signingWorkflow',
    endsIn: 'COMPLETED',
    what: 'the API wrote the submission notice (nothing to deliver): no first-task upsert or activity; then completed',
  },
  {
    name: 'notice-by-api-delivered-then-cancelled',
    workflowType: 'signingWorkflow',
    endsIn: 'CANCELLED',
    what: 'the API wrote the submission notice with e-mails and webhook calls: the first task starts its delivery child; then cancelled',
  },
  ...RESCISSIONS,
  {
    name: 'notify-delivered',
    workflowType: 'deliverNotificationsWorkflow',
    what: 'the submission notice: three e-mails through SMTP and two webhook calls, all delivered',
  },
  {
    name: 'notify-email-refused',
    workflowType: 'deliverNotificationsWorkflow',
    what: 'the submission notice: one e-mail refused by the SMTP server (550), so failed; the others sent',
  },
  {
    name: 'notify-retries-exhausted',
    workflowType: 'deliverNotificationsWorkflow',
    what: 'a webhook delivery whose retries are exhausted: the activity fails and the delivery is marked failed',
  },
];
