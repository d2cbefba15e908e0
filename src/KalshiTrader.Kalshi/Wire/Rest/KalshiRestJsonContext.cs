using System.Text.Json.Serialization;

namespace KalshiTrader.Kalshi.Wire.Rest;

/// <summary>
/// Source-generated System.Text.Json metadata for every REST wire type. Unknown fields are ignored (Kalshi adds
/// fields often); nulls are omitted on write so a local server emits the same sparse objects Kalshi does.
/// Use <c>KalshiRestJsonContext.Default.MarketResponse</c> etc.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(EmptyResponse))]
[JsonSerializable(typeof(MarketResponse))]
[JsonSerializable(typeof(MarketsResponse))]
[JsonSerializable(typeof(EventResponse))]
[JsonSerializable(typeof(EventsResponse))]
[JsonSerializable(typeof(SeriesResponse))]
[JsonSerializable(typeof(SeriesListResponse))]
[JsonSerializable(typeof(OrderbookResponse))]
[JsonSerializable(typeof(BatchOrderbooksResponse))]
[JsonSerializable(typeof(TradesResponse))]
[JsonSerializable(typeof(CandlesticksResponse))]
[JsonSerializable(typeof(BatchCandlesticksResponse))]
[JsonSerializable(typeof(EventCandlesticksResponse))]
[JsonSerializable(typeof(ExchangeStatusResponse))]
[JsonSerializable(typeof(ExchangeScheduleResponse))]
[JsonSerializable(typeof(HistoricalCutoffResponse))]
[JsonSerializable(typeof(AccountLimitsResponse))]
[JsonSerializable(typeof(EndpointCostsResponse))]
[JsonSerializable(typeof(BalanceResponse))]
[JsonSerializable(typeof(PositionsResponse))]
[JsonSerializable(typeof(FillsResponse))]
[JsonSerializable(typeof(SettlementsResponse))]
[JsonSerializable(typeof(OrderResponse))]
[JsonSerializable(typeof(OrdersResponse))]
[JsonSerializable(typeof(QueuePositionResponse))]
[JsonSerializable(typeof(QueuePositionsResponse))]
[JsonSerializable(typeof(CreateOrderV2Request))]
[JsonSerializable(typeof(CreateOrderV2Response))]
[JsonSerializable(typeof(CancelOrderV2Response))]
[JsonSerializable(typeof(AmendOrderV2Request))]
[JsonSerializable(typeof(AmendOrderV2Response))]
[JsonSerializable(typeof(DecreaseOrderV2Request))]
[JsonSerializable(typeof(DecreaseOrderV2Response))]
[JsonSerializable(typeof(BatchCreateOrdersV2Request))]
[JsonSerializable(typeof(BatchCreateOrdersV2Response))]
[JsonSerializable(typeof(BatchCancelOrdersV2Request))]
[JsonSerializable(typeof(BatchCancelOrdersV2Response))]
[JsonSerializable(typeof(CreateOrderGroupRequest))]
[JsonSerializable(typeof(CreateOrderGroupResponse))]
[JsonSerializable(typeof(OrderGroupResponse))]
[JsonSerializable(typeof(OrderGroupsResponse))]
[JsonSerializable(typeof(SetOrderGroupLimitRequest))]
public sealed partial class KalshiRestJsonContext : JsonSerializerContext;
