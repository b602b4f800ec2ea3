// The village shop: OVOP products ordered to pick up and pay at the village, with a visit or
// on their own. What can be ordered (products.ts), the stock it takes (stock.ts), the orders
// (orders.ts) and their pickup at the village (pickups.ts); the host's shelf and counter sales
// are in host.ts.
export * from './products';
export * from './stock';
export * from './orders';
export * from './pickups';
