/**
 * 协议书预览: a signing's 就业协议书 in a Modal, with 打印协议书 and 下载 PDF (…/agreement?format=pdf).
 * From tablet width up it frames the server's printable A4 page (GET …/agreement?format=html, which
 * allows framing by its own origin) and 打印协议书 prints that frame; an A4 page does not fit a
 * phone, so there the agreement is shown field by field (AgreementSections over the JSON version)
 * and 打印协议书 opens the printable page on its own.
 */
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Flex, Grid, Modal, Spin } from 'antd';
import { useRef, useState } from 'react';
import { api } from '../../api/client';
import type { AgreementVersionView } from '../../api/types';
import { AgreementSections } from '../../components/agreement/AgreementSections';
import { LoadState } from '../../components/LoadState';
import { useLoad } from '../../lib/use-load';

export interface PreviewTarget {
  id: string;
  /** Who the agreement is for, in the title (学生姓名). */
  studentName: string;
}

export function agreementDocumentHref(id: string, format: 'html' | 'pdf'): string {
  return `/api/signings/${encodeURIComponent(id)}/agreement?format=${format}`;
}

function AgreementFields({ id }: { id: string }) {
  const loaded = useLoad(async () => {
    const { data } = await api.GET('/api/signings/{id}/agreement', { params: { path: { id } } });
    return data as unknown as AgreementVersionView;
  }, [id]);
  return (
    <LoadState loaded={loaded}>
      {(version) => (
        <AgreementSections
          title={`就业协议书（第 ${version.version} 版）`}
          document={{ ...version, archive: version.archive ? { ...version.archive } : null }}
        />
      )}
    </LoadState>
  );
}

export function AgreementPreviewModal({ target, onClose }: { target: PreviewTarget | null; onClose(): void }) {
  const screens = Grid.useBreakpoint();
  const framed = screens.md !== false;
  const frame = useRef<HTMLIFrameElement>(null);
  const [loadedId, setLoadedId] = useState<string>();
  const loading = framed && target !== null && loadedId !== target.id;

  function print() {
    const win = framed ? frame.current?.contentWindow : null;
    if (win) {
      win.focus();
      win.print();
    } else if (target) {
      window.open(agreementDocumentHref(target.id, 'html'), '_blank', 'noopener');
    }
  }

  return (
    <Modal
      open={target !== null}
      title={target ? `协议书预览 · ${target.studentName}` : '协议书预览'}
      onCancel={onClose}
      width="min(960px, calc(100vw - 16px))"
      style={{ top: 16, paddingBottom: 0 }}
      destroyOnHidden
      footer={
        target && (
          <Flex wrap gap={8} justify="flex-end">
            <Button icon={<PrinterOutlined />} onClick={print} disabled={loading}>
              打印协议书
            </Button>
            <Button icon={<DownloadOutlined />} href={agreementDocumentHref(target.id, 'pdf')} download>
              下载 PDF
            </Button>
          </Flex>
        )
      }
    >
      {target &&
        (framed ? (
          <Spin spinning={loading} description="正在生成协议书…">
            <iframe
              ref={frame}
              key={target.id}
              className="agreement-frame"
              title={`就业协议书 · ${target.studentName}`}
              src={agreementDocumentHref(target.id, 'html')}
              onLoad={() => setLoadedId(target.id)}
            />
          </Spin>
        ) : (
          <div style={{ maxHeight: '70vh', overflowY: 'auto' }}>
            <AgreementFields id={target.id} />
          </div>
        ))}
    </Modal>
  );
}
