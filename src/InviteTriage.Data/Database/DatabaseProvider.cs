namespace InviteTriage.Data.Database;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
