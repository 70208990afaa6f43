/**
 * The required mark of the employer's forms: antd draws its `*` as CSS generated content, which
 * browsers read into the field's accessible name ("* 电话"). This mark is a real element hidden
 * from assistive technology, so the field is named by its label alone and announced as required
 * through `aria-required`.
 */
import type { FormProps } from 'antd';

export const requiredMark: FormProps['requiredMark'] = (label, { required }) => (
  <>
    {required && (
      <span aria-hidden="true" style={{ color: '#ff4d4f', marginInlineEnd: 4, fontFamily: 'sans-serif' }}>
        *
      </span>
    )}
    {label}
  </>
);
