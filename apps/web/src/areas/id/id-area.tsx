import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../app/not-found-page';
import { AreaPage } from '../../components/area-page';

// Lazy route module for /id/*; the area's own routes are added here as its features land.
export function Component() {
  return (
    <Routes>
      <Route index element={<AreaPage area="id" />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

Component.displayName = 'IdArea';
