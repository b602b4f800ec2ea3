// The OpenAPI 3.1 description of /api/v1: what partners build against and what the tests
// check real responses against.
const isoWib = {
	type: 'string',
	pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+07:00$',
	description: 'ISO 8601 in WIB (+07:00)'
};
const error = (code: string) => ({
	type: 'object',
	required: ['error'],
	properties: { error: { const: code }, message: { type: 'string' } }
});
const invalid = {
	type: 'object',
	required: ['error', 'fields'],
	properties: {
		error: { enum: ['invalid', 'idempotency_key_reused'] },
		fields: {
			type: 'object',
			additionalProperties: { type: 'string' },
			description: 'Message per field path, in Indonesian unless the path is /en/…'
		}
	}
};
const json = (schema: unknown, description: string) => ({
	description,
	content: { 'application/json': { schema } }
});
const bookingStatus = {
	enum: [
		'requested',
		'confirmed',
		'declined',
		'expired',
		'cancelled_by_tourist',
		'cancelled_by_host'
	]
};
const booking = {
	type: 'object',
	required: [
		'code',
		'status',
		'seats',
		'people',
		'totalIdr',
		'startsAt',
		'endsAt',
		'package',
		'village',
		'party'
	],
	properties: {
		code: { type: 'string', pattern: '^[A-Z]{2}-[2-9A-HJKMNP-Z]{6}$' },
		status: bookingStatus,
		seats: { type: 'integer', minimum: 0 },
		people: { type: 'integer', minimum: 1 },
		totalIdr: { type: 'integer', minimum: 0 },
		startsAt: isoWib,
		endsAt: isoWib,
		package: {
			type: 'object',
			required: ['slug', 'title'],
			properties: { slug: { type: 'string' }, title: { type: 'string' } }
		},
		village: {
			type: 'object',
			required: ['code', 'name'],
			properties: { code: { type: 'string' }, name: { type: 'string' } }
		},
		party: {
			type: 'array',
			items: {
				type: 'object',
				required: ['category', 'label', 'quantity', 'unitPriceIdr'],
				properties: {
					category: { type: 'string' },
					label: { type: 'string' },
					quantity: { type: 'integer', minimum: 1 },
					unitPriceIdr: { type: 'integer', minimum: 0 }
				}
			}
		},
		cancellableUntil: { oneOf: [isoWib, { type: 'null' }] },
		products: {
			description: 'Village-shop products ordered with the visit, collected and paid there',
			oneOf: [
				{ type: 'null' },
				{
					type: 'object',
					required: ['code', 'status', 'totalIdr', 'lines'],
					properties: {
						code: { type: 'string', pattern: '^[A-Z]{2}P-[2-9A-HJKMNP-Z]{6}$' },
						status: { enum: ['reserved', 'collected', 'cancelled'] },
						totalIdr: { type: 'integer', minimum: 0 },
						lines: {
							type: 'array',
							items: {
								type: 'object',
								required: ['product', 'unit', 'quantity', 'unitPriceIdr'],
								properties: {
									product: { type: 'string' },
									unit: { type: 'string' },
									quantity: { type: 'integer', minimum: 1 },
									unitPriceIdr: { type: 'integer', minimum: 0 }
								}
							}
						}
					}
				}
			]
		}
	}
};
const bearer = [{ manageSecret: [] }];

export const openapi = {
	openapi: '3.1.0',
	info: {
		title: 'Agrowisata PALI API',
		version: '1.0.0',
		description:
			'Villages, tour packages, availability and bookings of the OVOP villages of PALI. Money is whole rupiah; times are WIB. Write requests are rate limited per address.'
	},
	servers: [{ url: '/api/v1' }],
	components: {
		securitySchemes: {
			manageSecret: {
				type: 'http',
				scheme: 'bearer',
				description: 'The manage secret: the last part of a booking manageUrl.'
			}
		}
	},
	paths: {
		'/villages': {
			get: {
				summary: 'All villages of PALI as GeoJSON',
				responses: {
					'200': {
						description: 'A FeatureCollection, coordinates [lng, lat]',
						content: {
							'application/geo+json': {
								schema: {
									type: 'object',
									required: ['type', 'features'],
									properties: {
										type: { const: 'FeatureCollection' },
										features: {
											type: 'array',
											items: {
												type: 'object',
												required: ['type', 'geometry', 'properties'],
												properties: {
													type: { const: 'Feature' },
													geometry: {
														type: 'object',
														required: ['type', 'coordinates'],
														properties: {
															type: { const: 'Point' },
															coordinates: {
																type: 'array',
																items: { type: 'number' },
																minItems: 2,
																maxItems: 2
															}
														}
													},
													properties: {
														type: 'object',
														required: [
															'code',
															'slug',
															'name',
															'district',
															'type',
															'ovop',
															'product',
															'url'
														],
														properties: {
															code: { type: 'string' },
															slug: { type: 'string' },
															name: { type: 'string' },
															district: { type: 'string' },
															type: { enum: ['desa', 'kelurahan'] },
															ovop: { type: 'boolean' },
															product: { type: ['string', 'null'] },
															url: { type: 'string' }
														}
													}
												}
											}
										}
									}
								}
							}
						}
					}
				}
			}
		},
		'/packages': {
			get: {
				summary: 'Published tour packages',
				parameters: [
					{
						name: 'village',
						in: 'query',
						schema: { type: 'string' },
						description: 'Kemendagri code'
					}
				],
				responses: {
					'200': json(
						{
							type: 'object',
							required: ['packages'],
							properties: {
								packages: {
									type: 'array',
									items: {
										type: 'object',
										required: [
											'id',
											'slug',
											'villageCode',
											'title',
											'durationMinutes',
											'minParty',
											'maxParty',
											'priceCategories'
										],
										properties: {
											id: { type: 'integer' },
											slug: { type: 'string' },
											villageCode: { type: 'string' },
											title: { type: 'string' },
											durationMinutes: { type: 'integer' },
											minParty: { type: 'integer' },
											maxParty: { type: 'integer' },
											priceCategories: {
												type: 'array',
												items: {
													type: 'object',
													required: ['code', 'label', 'priceIdr', 'takesSeat'],
													properties: {
														code: { type: 'string' },
														label: { type: 'string' },
														priceIdr: { type: 'integer', minimum: 0 },
														takesSeat: { type: 'boolean' }
													}
												}
											}
										}
									}
								}
							}
						},
						'Packages'
					),
					'422': json(invalid, 'Malformed village code')
				}
			}
		},
		'/packages/{slug}/availability': {
			get: {
				summary: 'Slots of a package with seats left',
				description:
					'Local dates (WIB) from 2020-01-01 to one year after today, at most 92 days apart.',
				parameters: [
					{ name: 'slug', in: 'path', required: true, schema: { type: 'string' } },
					{ name: 'from', in: 'query', required: true, schema: { type: 'string', format: 'date' } },
					{ name: 'to', in: 'query', required: true, schema: { type: 'string', format: 'date' } }
				],
				responses: {
					'200': json(
						{
							type: 'object',
							required: ['slots'],
							properties: {
								slots: {
									type: 'array',
									items: {
										type: 'object',
										required: ['id', 'startsAt', 'endsAt', 'capacity', 'seatsLeft', 'status'],
										properties: {
											id: { type: 'integer' },
											startsAt: isoWib,
											endsAt: isoWib,
											capacity: { type: 'integer' },
											seatsLeft: { type: 'integer', minimum: 0 },
											status: { enum: ['open', 'sold_out', 'closed', 'cutoff'] }
										}
									}
								}
							}
						},
						'Slots'
					),
					'404': json(error('not_found'), 'Unknown package'),
					'422': json(invalid, 'Bad dates or a range over 92 days')
				}
			}
		},
		'/bookings': {
			post: {
				summary: 'Book a slot',
				parameters: [
					{
						name: 'Idempotency-Key',
						in: 'header',
						schema: { type: 'string', minLength: 8, maxLength: 200 },
						description:
							'A replay returns the first booking; the same key with another body is refused.'
					}
				],
				requestBody: {
					required: true,
					content: {
						'application/json': {
							schema: {
								type: 'object',
								required: ['slotId', 'party', 'contact', 'origin', 'language'],
								properties: {
									slotId: { type: 'integer' },
									party: {
										type: 'array',
										items: {
											type: 'object',
											required: ['category', 'quantity'],
											properties: {
												category: { type: 'string' },
												quantity: { type: 'integer', minimum: 0 }
											}
										}
									},
									products: {
										type: 'array',
										description:
											'Optional village-shop products (by id) to collect and pay at the visit',
										maxItems: 50,
										items: {
											type: 'object',
											required: ['product', 'quantity'],
											properties: {
												product: { type: 'integer' },
												quantity: { type: 'integer', minimum: 0, maximum: 99 }
											}
										}
									},
									contact: {
										type: 'object',
										required: ['name', 'phone'],
										properties: {
											name: { type: 'string', maxLength: 100 },
											phone: { type: 'string', description: '08…, +62… or +<country code>…' },
											email: { type: ['string', 'null'], format: 'email' }
										}
									},
									origin: {
										type: 'object',
										required: ['country'],
										properties: {
											country: { type: 'string', pattern: '^[A-Z]{2}$' },
											province: {
												type: ['string', 'null'],
												description: 'Kemendagri province code; required when country is ID'
											}
										}
									},
									language: { enum: ['id', 'en'] }
								}
							}
						}
					}
				},
				responses: {
					'201': json(
						{
							type: 'object',
							required: ['code', 'status', 'seats', 'totalIdr', 'manageUrl'],
							properties: {
								code: { type: 'string' },
								status: { enum: ['requested', 'confirmed'] },
								seats: { type: 'integer' },
								totalIdr: { type: 'integer' },
								manageUrl: { type: 'string', format: 'uri' },
								order: {
									oneOf: [
										{ type: 'null' },
										{
											type: 'object',
											required: ['code', 'totalIdr'],
											properties: { code: { type: 'string' }, totalIdr: { type: 'integer' } }
										}
									]
								}
							}
						},
						'Booked (or the replay of an earlier request with the same key)'
					),
					'400': json(error('bad_json'), 'The body is not JSON'),
					'403': json(error('cross_origin'), 'A browser write from another site'),
					'409': json(
						{
							type: 'object',
							required: ['error', 'seatsLeft'],
							properties: { error: { const: 'not_enough_seats' }, seatsLeft: { type: 'integer' } }
						},
						'Not enough seats'
					),
					'422': json(invalid, 'A field breaks a rule'),
					'429': json(error('rate_limited'), 'Too many writes from this address')
				}
			}
		},
		'/bookings/{code}': {
			get: {
				summary: 'A booking, for its holder',
				security: bearer,
				parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' } }],
				responses: {
					'200': json(booking, 'The booking'),
					'404': json(error('not_found'), 'Unknown code or wrong secret')
				}
			}
		},
		'/bookings/{code}/cancel': {
			post: {
				summary: 'Cancel within the cancellation window; the seats go back at once',
				security: bearer,
				parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' } }],
				responses: {
					'200': json(booking, 'The cancelled booking'),
					'404': json(error('not_found'), 'Unknown code or wrong secret'),
					'409': json(
						{
							type: 'object',
							required: ['error', 'message'],
							properties: {
								error: { enum: ['not_active', 'too_late'] },
								message: { type: 'string' }
							}
						},
						'Already cancelled or past the cancellation window'
					)
				}
			}
		}
	}
} as const;
