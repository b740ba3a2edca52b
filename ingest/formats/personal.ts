// Personal data of the national formats: never stored (not in events, rejects, files or logs).
// Events only ever carry mapped fields, none of them personal; what is kept of a rejected record
// is its text without these fields, removed at any depth (officers' names also sit in arrays
// such as a dossier's processing history).

/** Fields of the portal's sync that name or identify a person (national-formats.md), and a few kin. */
export const PERSONAL_FIELDS: ReadonlySet<string> = new Set([
  'ChuHoSo',
  'SoGiayToChuHoSo',
  'Email',
  'SoDienThoai',
  'DinhDanhCHS',
  'DiaChiCHS',
  // the processing officers (progress records, and processing histories inside dossiers)
  'NguoiXuLy',
  'ChucDanh',
  'PhongBanXuLy',
  'NoiDungXuLy',
  // the same kind of data under the names other one-stop systems use
  'SoDinhDanh',
  'HoTen',
  'NgaySinh',
  'DiaChi',
])

/** A copy of a parsed JSON value without personal fields, at any depth. */
export function withoutPersonal(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPersonal)
  if (value === null || typeof value !== 'object') return value
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (!PERSONAL_FIELDS.has(k)) out[k] = withoutPersonal(v)
  return out
}
