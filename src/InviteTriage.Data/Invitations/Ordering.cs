using System.Linq.Expressions;

namespace InviteTriage.Data.Invitations;

/// <summary>One order, ascending or descending as the inbox's sort direction says.</summary>
internal static class Ordering
{
    public static IOrderedQueryable<T> OrderBy<T, TKey>(this IQueryable<T> query, Expression<Func<T, TKey>> key, bool descending) =>
        descending ? query.OrderByDescending(key) : Queryable.OrderBy(query, key);

    public static IOrderedQueryable<T> ThenBy<T, TKey>(this IOrderedQueryable<T> query, Expression<Func<T, TKey>> key, bool descending) =>
        descending ? query.ThenByDescending(key) : Queryable.ThenBy(query, key);
}
