/**
 * A link that looks like an antd Button (签约 in the list and on the detail page): a real `<a>`,
 * so it is announced as a link, opens in a new tab with a middle click, and navigates inside the
 * app (no page reload) on a plain click.
 */
import { Button, type ButtonProps } from 'antd';
import type { MouseEvent } from 'react';
import { useNavigate } from 'react-router';

export function ButtonLink({ to, ...props }: Omit<ButtonProps, 'href' | 'onClick'> & { to: string }) {
  const navigate = useNavigate();
  function onClick(event: MouseEvent<HTMLElement>) {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    void navigate(to);
  }
  return <Button {...props} href={to} onClick={onClick} />;
}
