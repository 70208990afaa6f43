/**
 * `/employer/signings/:id/sign` 签约: the source's 单位签约 screen as a wizard. 单位性质 and 联系方式,
 * then the agreement's eight sections with 上一条 / 保存并进入下一条, then 档案接收, then the whole
 * agreement with 预览就业协议内容 and 发送至学生.
 *
 * Every step change saves that step as the draft (PUT …/agreement/draft), so the employer can stop
 * at any point and, on coming back, the wizard opens at the first step the saved draft does not
 * complete ("已恢复上次保存的草稿"). After a return the draft is what was sent: the wizard opens on
 * the preview with the return reason on top, the employer changes what was asked and sends again.
 * A refused send names the fields (`agreement.employmentTerms.probationMonths`): the wizard goes to
 * the step that has them and shows the messages there.
 */
import { App, Button, Card, Descriptions, Flex, Form, Grid, Result, Space, Steps, Typography, Alert } from 'antd';
import { BankOutlined, EyeOutlined, FolderOpenOutlined } from '@ant-design/icons';
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, type FieldIssue, api } from '../../api/client';
import type { AgreementVersionView, DraftView, SigningEvent, SigningView } from '../../api/types';
import { LoadState } from '../../components/LoadState';
import { inboxChanged } from '../../components/inbox';
import { beijingTime } from '../../lib/beijing-time';
import { applyFieldIssues } from '../../lib/form-errors';
import { useLoad } from '../../lib/use-load';
import { useSubmit } from '../../lib/use-submit';
import { ReturnNotice, pendingReturn } from './return-notice';
import { StatusTag } from '../../components/StatusTag';
import { ArchiveFields } from './wizard/ArchiveFields';
import { PreviewStep } from './wizard/PreviewStep';
import { SectionFields } from './wizard/SectionFields';
import { TemplateActions } from './wizard/TemplateActions';
import { UnitFields } from './wizard/UnitFields';
import { fillForm } from './wizard/fill-form';
import { PREVIEW_STEP, WIZARD_STEPS, resumeStep, stepBody, stepChanged, stepIssues, stepOfPath, stepState } from './wizard/steps';
import { requiredMark } from './required-mark';

const STEP_ICONS: Partial<Record<string, ReactNode>> = {
  unit: <BankOutlined aria-hidden />,
  archive: <FolderOpenOutlined aria-hidden />,
  preview: <EyeOutlined aria-hidden />,
};

interface WizardData {
  signing: SigningView;
  draft: DraftView | null;
  events: SigningEvent[];
  /** The version that was returned (to highlight what the employer changed since). */
  sentVersion: AgreementVersionView | null;
}

async function loadWizard(id: string): Promise<WizardData> {
  const [signing, draft, events] = await Promise.all([
    api.GET('/api/signings/{id}', { params: { path: { id } } }).then((r) => r.data as unknown as SigningView),
    api.GET('/api/signings/{id}/agreement/draft', { params: { path: { id } } }).then(
      (r) => r.data as unknown as DraftView,
      (err: unknown) => {
        if (err instanceof ApiError && err.status === 404 && err.code === 'NOT_FOUND') return null;
        throw err;
      },
    ),
    api.GET('/api/signings/{id}/events', { params: { path: { id } } }).then((r) => (r.data as unknown as { items: SigningEvent[] }).items),
  ]);
  const sentVersion =
    signing.agreement && pendingReturn(signing, events)
      ? await api
          .GET('/api/signings/{id}/agreement', { params: { path: { id } } })
          .then((r) => r.data as unknown as AgreementVersionView)
          .catch(() => null)
      : null;
  return { signing, draft, events, sentVersion };
}

export function SignWizardPage() {
  const { id = '' } = useParams();
  const loaded = useLoad(() => loadWizard(id), [id]);
  return <LoadState loaded={loaded}>{(data) => <Wizard key={id} data={data} reload={loaded.reload} />}</LoadState>;
}

function SigningHeader({ signing }: { signing: SigningView }) {
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, sm: 2, lg: 4 }}
      style={{ marginBottom: 16 }}
      items={[
        { key: 'name', label: '学生姓名', children: signing.student.name },
        { key: 'no', label: '考生号', children: signing.student.examineeNo },
        { key: 'school', label: '学校', children: signing.school.name },
        { key: 'status', label: '处理状态', children: <StatusTag status={signing.status} label={signing.statusLabel} /> },
        { key: 'deadline', label: '截止时间', children: beijingTime(signing.deadlineAt) },
      ]}
    />
  );
}

function Wizard({ data, reload }: { data: WizardData; reload: () => Promise<void> }) {
  const { signing, events, sentVersion } = data;
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm();
  const [draft, setDraft] = useState<DraftView | null>(data.draft);
  const [step, setStep] = useState(() => resumeStep(data.draft));
  // Problems the server found on another step, shown once that step's fields are on screen.
  const pendingIssues = useRef<FieldIssue[] | null>(null);
  const [sent, setSent] = useState<SigningView | null>(null);
  const [formError, setFormError] = useState<string>();
  const top = useRef<HTMLDivElement>(null);
  const nav = useRef<HTMLElement>(null);
  const returned = pendingReturn(signing, events);
  const current = WIZARD_STEPS[step]!;

  // The form starts from the saved draft; a template replaces it (fillForm again).
  useEffect(() => {
    fillForm(form, data.draft);
  }, [form, data.draft]);

  useEffect(() => {
    const issues = pendingIssues.current;
    if (!issues) return;
    // After the new step's fields have registered (a frame later: React may remount them once in development).
    const frame = requestAnimationFrame(() => {
      applyFieldIssues(form, issues.filter((i) => stepOfPath(i.path) === step));
      pendingIssues.current = null;
    });
    return () => cancelAnimationFrame(frame);
  }, [form, step]);

  // At phone width the Steps bar scrolls sideways: keep the current step in view.
  useEffect(() => {
    const bar = nav.current;
    const item = bar?.querySelector<HTMLElement>('.ant-steps-item-process');
    if (bar && item && bar.scrollWidth > bar.clientWidth) bar.scrollLeft = item.offsetLeft - bar.clientWidth / 2 + item.offsetWidth / 2;
  }, [step]);

  // Leaving the page with unsaved changes on the step asks first.
  const unsaved = useRef<() => boolean>(() => false);
  useEffect(() => {
    unsaved.current = () => !sent && stepChanged(current, form.getFieldsValue(true) as Record<string, unknown>, draft);
  });
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (unsaved.current()) event.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);

  const showStep = useCallback((index: number) => {
    setFormError(undefined);
    setStep(index);
    top.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, []);

  /** Saves the step on screen if it changed: the new draft, the old one if nothing changed, or false. */
  const save = useSubmit(async (_key: string): Promise<DraftView | null | false> => {
    const values = form.getFieldsValue(true) as Record<string, unknown>;
    if (!stepChanged(current, values, draft)) return draft;
    try {
      const { data: saved } = await api.PUT('/api/signings/{id}/agreement/draft', {
        params: { path: { id: signing.id } },
        body: stepBody(current, values) as never,
      });
      const next = saved as unknown as DraftView;
      setDraft(next);
      return next;
    } catch (err) {
      if (err instanceof ApiError && err.fieldIssues.length) {
        const rest = applyFieldIssues(form, err.fieldIssues);
        setFormError(rest.length ? `${err.message}：${rest.map((i) => i.message).join('；')}` : '本条有内容未通过校验，请按提示修改后再保存');
      } else {
        setFormError(err instanceof ApiError ? err.message : '保存失败，请重试');
      }
      return false;
    }
  });
  // undefined: a save is already out (a repeated click), which counts as not saved.
  const saveCurrent = useCallback(async () => {
    const saved = await save.run();
    return saved === undefined ? false : saved;
  }, [save]);

  async function goTo(index: number) {
    if (index === step || save.submitting) return;
    const saved = await saveCurrent();
    if (saved !== false) showStep(index);
  }

  async function saveAndNext() {
    const saved = await saveCurrent();
    if (saved === false) return;
    const issues = saved ? stepIssues(saved, current) : [];
    if (issues.length || (!saved && !current.optional)) {
      if (issues.length) applyFieldIssues(form, issues);
      setFormError(saved ? '本条尚未填写完整（已保存为草稿），请补全标红的内容后再进入下一条' : '请先填写本条内容');
      return;
    }
    void message.success({ content: `已保存：${current.title}`, duration: 1.5 });
    showStep(step + 1);
  }

  const send = useSubmit(async (key: string) => {
    const { data: signed } = await api.POST('/api/signings/{id}/employer-sign', {
      params: { path: { id: signing.id } },
      body: { useDraft: true, previewed: true, ...(draft ? { draftUpdatedAt: draft.updatedAt } : {}) },
      headers: { 'Idempotency-Key': key },
    });
    return signed as unknown as SigningView;
  });

  async function sendToStudent() {
    try {
      const signed = await send.run();
      if (!signed) return;
      setSent(signed);
      inboxChanged();
      void message.success('已发送至学生，等待学生确认');
    } catch (err) {
      if (!(err instanceof ApiError)) {
        setFormError('发送失败，请重试');
        return;
      }
      if (err.fieldIssues.length) {
        const steps = [...new Set(err.fieldIssues.map((i) => stepOfPath(i.path)))].sort((a, b) => a - b);
        const target = steps[0]!;
        void message.error(err.message);
        pendingIssues.current = err.fieldIssues;
        showStep(target);
        setFormError(
          target === PREVIEW_STEP
            ? `${err.message}：${err.fieldIssues.map((i) => i.message).join('；')}`
            : `${err.message}：${steps.map((i) => WIZARD_STEPS[i]!.title).join('、')}（已打开「${WIZARD_STEPS[target]!.title}」，请按标红提示修改）`,
        );
        return;
      }
      const reason = (err.details as { reason?: string } | undefined)?.reason;
      if (err.code === 'CONFLICT' && reason === 'DRAFT_CHANGED') {
        setFormError(err.message);
        const { data: latest } = await api.GET('/api/signings/{id}/agreement/draft', { params: { path: { id: signing.id } } }).catch(() => ({ data: undefined }));
        if (latest) {
          setDraft(latest as unknown as DraftView);
          fillForm(form, latest as unknown as DraftView);
          form.setFieldValue('previewed', false);
        }
        return;
      }
      setFormError(err.message);
      if (err.code === 'CONFLICT') void reload();
    }
  }

  async function onFinish() {
    if (current.kind === 'preview') await sendToStudent();
    else await saveAndNext();
  }

  if (sent) {
    return (
      <Card>
        <Result
          status="success"
          title="已发送至学生"
          subTitle={
            <Space vertical>
              <span>
                {sent.student.name}（考生号 {sent.student.examineeNo}）的就业协议已发送，学生确认后将提交学校确认。
              </span>
              <span>
                当前状态：<StatusTag status={sent.status} label={sent.statusLabel} />
              </span>
            </Space>
          }
          extra={[
            <Link key="list" to="/employer">
              <Button type="primary" tabIndex={-1}>
                返回网上签约
              </Button>
            </Link>,
            <Link key="detail" to={`/employer/signings/${signing.id}`}>
              查看网签详情
            </Link>,
          ]}
        />
      </Card>
    );
  }

  if (signing.status !== 'PENDING_EMPLOYER') {
    return (
      <Card>
        <Result
          status="info"
          title={`当前状态为「${signing.statusLabel}」，无需单位签约`}
          subTitle={`${signing.student.name}（考生号 ${signing.student.examineeNo}）`}
          extra={<Link to={`/employer/signings/${signing.id}`}>查看网签详情</Link>}
        />
      </Card>
    );
  }

  const busy = save.submitting || send.submitting;
  const vertical = Boolean(screens.lg);
  // The eight sections keep their own numbers 1–8 (as in the source); 单位信息, 档案接收 and the
  // preview, around them, show icons: the Steps count from -1 so that section n is numbered n.
  const stepsBar = (
    <Steps
      initial={-1}
      current={step - 1}
      orientation={vertical ? 'vertical' : 'horizontal'}
      type={vertical ? 'default' : 'inline'}
      size="small"
      responsive={false}
      ellipsis={!vertical}
      onChange={(index) => void goTo(index + 1)}
      items={WIZARD_STEPS.map((s, i) => {
        const state = stepState(draft, s);
        return {
          key: s.key,
          title: s.title,
          ...(s.no ? {} : { icon: STEP_ICONS[s.kind] }),
          disabled: busy,
          status: i === step ? 'process' : state === 'complete' ? 'finish' : state === 'invalid' ? 'error' : 'wait',
        };
      })}
    />
  );

  return (
    <div ref={top} style={{ scrollMarginTop: 16 }}>
      <Card
        title="单位签约"
        extra={
          <Link to="/employer" className="hide-on-phone">
            返回网上签约
          </Link>
        }
      >
        <SigningHeader signing={signing} />
        {returned && <ReturnNotice event={returned} />}
        {data.draft && !returned && (
          <Alert
            type="success"
            showIcon
            closable
            style={{ marginBottom: 16 }}
            title="已恢复上次保存的草稿"
            description={`草稿保存于 ${beijingTime(data.draft.updatedAt)}，已为您打开「${WIZARD_STEPS[resumeStep(data.draft)]!.title}」。`}
          />
        )}
        {data.draft && returned && (
          <Typography.Paragraph type="secondary">已恢复上次发送的协议内容（草稿），点击步骤可修改相应条款，改完后在最后一步重新发送。</Typography.Paragraph>
        )}
        <Flex justify="flex-end" style={{ marginBottom: 16 }}>
          <TemplateActions
            signingId={signing.id}
            draft={draft}
            disabled={busy}
            beforeSave={saveCurrent}
            onApplied={(next, name) => {
              setDraft(next);
              fillForm(form, next);
              void message.success(`已从模板「${name}」开始，请逐条核对`);
              showStep(resumeStep(next));
            }}
          />
        </Flex>
        <Flex gap={24} vertical={!vertical}>
          <nav ref={nav} aria-label="签约步骤" style={vertical ? { flex: '0 0 220px' } : { overflowX: 'auto', position: 'relative' }}>
            {stepsBar}
          </nav>
          <div style={{ flex: 1, minWidth: 0 }}>
            <Typography.Title level={4} style={{ marginTop: 0 }}>
              {current.heading}
            </Typography.Title>
            {!vertical && (
              <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 12 }}>
                第 {step + 1} 步，共 {WIZARD_STEPS.length} 步
              </Typography.Text>
            )}
            <Form form={form} layout="vertical" requiredMark={requiredMark} onFinish={() => void onFinish()} disabled={busy} scrollToFirstError={{ block: 'center' }}>
              {current.kind === 'unit' && <UnitFields />}
              {(current.kind === 'object' || current.kind === 'text') && (
                <SectionFields sectionKey={current.agreementKey!} label={current.title} optional={Boolean(current.optional)} />
              )}
              {current.kind === 'archive' && <ArchiveFields fromSigning={draft?.archiveSource === 'signing'} />}
              {current.kind === 'preview' && <PreviewStep draft={draft} sentVersion={sentVersion} sending={send.submitting} onGoTo={(i) => void goTo(i)} />}
              {formError && <Alert type="error" showIcon role="alert" title={formError} style={{ marginBottom: 16 }} />}
              <Flex gap={8} wrap justify="space-between">
                <Button disabled={step === 0 || busy} onClick={() => void goTo(step - 1)}>
                  上一条
                </Button>
                {current.kind === 'preview' ? (
                  <Button type="primary" htmlType="submit" loading={send.submitting}>
                    发送至学生
                  </Button>
                ) : (
                  <Button type="primary" htmlType="submit" loading={save.submitting}>
                    保存并进入下一条
                  </Button>
                )}
              </Flex>
            </Form>
          </div>
        </Flex>
      </Card>
    </div>
  );
}
