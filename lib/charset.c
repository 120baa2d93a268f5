/* charset conversion: to be written */
