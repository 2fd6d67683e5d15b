namespace InviteTriage.Core.Settings;

/// <summary>Settings of the whole instance, held in a single row that the admin edits.</summary>
public sealed class InstanceSettings
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    /// <summary>After the first account, registration is closed until the admin opens it.</summary>
    public bool RegistrationOpen { get; set; }
}
