// Preferences → Columns: which columns the table shows, fit them to their content, or reset them
// (the same list as the toolbar's Columns panel).
import { ColumnList } from '../grid/column-list';

export function ColumnsSection() {
  return (
    <section className="ps-pref-section" id="pref-columns" aria-labelledby="pref-columns-h">
      <h3 id="pref-columns-h">Columns</h3>
      <ColumnList className="ps-pref-columns" />
      <p className="ps-hint">Drag a header to move a column; drag its edge to resize it.</p>
    </section>
  );
}
