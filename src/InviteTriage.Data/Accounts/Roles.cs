namespace InviteTriage.Data.Accounts;

public static class Roles
{
    public const string Admin = "admin";
}
