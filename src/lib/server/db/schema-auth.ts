// Tables of accounts, sessions and the audit log (the host and office issues).
export interface AuthTables {}
