namespace KalshiTrader.Exchange.Matching;

/// <summary>An account on the local exchange (the server maps an API key id to one).</summary>
public readonly record struct AccountId(int Value)
{
    public override string ToString() => $"account-{Value}";
}

/// <summary>Balance precision of an account: retail balances move in cents, direct members in $0.0001.</summary>
public enum AccountKind
{
    Retail,
    DirectMember,
}
