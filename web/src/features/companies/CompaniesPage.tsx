import { PartyListPage } from '../entities/PartyListPage';

/** /companies: the organisations behind the contacts. */
export function CompaniesPage() {
  return <PartyListPage type="companies" />;
}
