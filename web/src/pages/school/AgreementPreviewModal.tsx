/**
 * 协议书预览: the printable 就业协议书 of a signing (the server's A4 page, GET …/agreement?format=html,
 * which allows framing by its own origin) in a Modal, with 打印协议书 (prints the framed page) and
 * 下载 PDF (…?format=pdf).
 */
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Flex, Modal, Spin } from 'antd';
import { useRef, useState } from 'react';

export interface PreviewTarget {
  id: string;
  /** Who the agreement is for, in the title (学生姓名). */
  studentName: string;
}

export function agreementDocumentHref(id: string, format: 'html' | 'pdf'): string {
  return `/api/signings/${encodeURIComponent(id)}/agreement?format=${format}`;
}

export function AgreementPreviewModal({ target, onClose }: { target: PreviewTarget | null; onClose(): void }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const [loadedId, setLoadedId] = useState<string>();
  const loading = target !== null && loadedId !== target.id;

  function print() {
    const win = frame.current?.contentWindow;
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
            <Button type="primary" onClick={onClose}>
              关闭
            </Button>
          </Flex>
        )
      }
    >
      {target && (
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
      )}
    </Modal>
  );
}
